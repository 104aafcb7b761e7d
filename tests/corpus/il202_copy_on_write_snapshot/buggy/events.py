"""An event bus whose dispatcher thread calls the listeners without the lock. Subscribers
change the listener list in place under the lock, so the dispatcher may iterate a list that a
subscribe or unsubscribe is changing."""
import queue
import threading


class EventBus:
    def __init__(self):
        self._lock = threading.Lock()
        self._listeners = []
        self._events = queue.Queue()
        threading.Thread(target=self._dispatch, daemon=True).start()

    def subscribe(self, listener):
        with self._lock:
            self._listeners.append(listener)

    def unsubscribe(self, listener):
        with self._lock:
            self._listeners.remove(listener)

    def publish(self, event):
        self._events.put(event)

    def _dispatch(self):
        while True:
            event = self._events.get()
            for listener in self._listeners:
                listener(event)
