"""Totals of every download, one object for the whole process, updated under its lock."""
import threading


class Totals:
    def __init__(self):
        self.files = 0
        self.size = 0
        self._lock = threading.Lock()

    def record(self, size):
        with self._lock:
            self.files += 1
            self.size += size


TOTALS = Totals()
