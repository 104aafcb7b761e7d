"""IL303: _set_state calls every listener while holding Player._lock; the watchdog thread and
the api both take the lock, and a listener that calls back into Player deadlocks."""
import threading
import time


class Player:
    def __init__(self):
        self._lock = threading.Lock()
        self._listeners = []
        self.state = "stopped"
        self._thread = threading.Thread(target=self._watchdog, daemon=True)
        self._thread.start()

    def add_listener(self, callback):
        with self._lock:
            self._listeners.append(callback)

    def play(self):
        self._set_state("playing")

    def _watchdog(self):
        while True:
            time.sleep(1.0)
            self._set_state("stopped")

    def _set_state(self, state):
        with self._lock:
            self.state = state
            for callback in self._listeners:
                callback(state)

