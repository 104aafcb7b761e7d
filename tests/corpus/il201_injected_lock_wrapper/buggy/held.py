"""A context manager around a lock it is handed: `__enter__` acquires it, `__exit__` releases it."""
import time


class Held:
    def __init__(self, lock, label):
        self._lock = lock
        self.label = label
        self.slow = 0

    def __enter__(self):
        start = time.monotonic()
        self._lock.acquire()
        if time.monotonic() - start > 0.05:
            self.slow += 1
        return self

    def __exit__(self, *exc):
        self._lock.release()
        return False
