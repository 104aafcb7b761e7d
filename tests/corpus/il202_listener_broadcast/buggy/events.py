"""IL202 on `EventBus._listeners`: `publish` loops over the list without the lock while
`subscribe`/`unsubscribe` (other threads) mutate it under `_lock`: listeners are skipped or
called twice."""
import threading


class EventBus:
    def __init__(self):
        self._lock = threading.Lock()
        self._listeners = []

    def subscribe(self, callback):
        with self._lock:
            self._listeners.append(callback)

    def unsubscribe(self, callback):
        with self._lock:
            if callback in self._listeners:
                self._listeners.remove(callback)

    def publish(self, event, payload):
        for callback in self._listeners:
            callback(event, payload)
