"""Fixed twin: `publish` iterates over a snapshot copied under the lock."""
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
        with self._lock:
            listeners = list(self._listeners)
        for callback in listeners:
            callback(event, payload)
