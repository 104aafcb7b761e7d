"""A value with its own lock, entered as a context manager (`with box as b: b.value = ...`)."""
import threading


class Guarded:
    def __init__(self, value):
        self._lock = threading.Lock()
        self.value = value

    def __enter__(self):
        self._lock.acquire()
        return self

    def __exit__(self, *exc):
        self._lock.release()
        return False
