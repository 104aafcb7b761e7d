"""Fixed twin: `record` counts both under the lock."""
import threading


class Meter:
    def __init__(self):
        self._lock = threading.Lock()
        self.served = 0
        self.calls = 0

    def record(self):
        with self._lock:
            self.served += 1
            self.calls += 1

    def totals(self):
        with self._lock:
            return self.served, self.calls
