"""An event bus whose dispatcher thread calls the listeners without the lock. Subscribers
replace the listener tuple under the lock (copy-on-write), never change it in place, so the
dispatcher's one read of `_listeners` is a whole snapshot, old or new."""
import queue
import threading


class EventBus:
    def __init__(self):
        self._lock = threading.Lock()
        self._listeners = ()
        self._events = queue.Queue()
        threading.Thread(target=self._dispatch, daemon=True).start()

    def subscribe(self, listener):
        with self._lock:
            self._listeners = self._listeners + (listener,)

    def unsubscribe(self, listener):
        with self._lock:
            self._listeners = tuple(x for x in self._listeners if x is not listener)

    def publish(self, event):
        self._events.put(event)

    def _dispatch(self):
        while True:
            event = self._events.get()
            for listener in self._listeners:
                listener(event)
