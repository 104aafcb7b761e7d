"""Fixed twin: `release` clears the owner only for the thread that owns the object, so no other
thread ends a `run`'s claim while its job runs; the claim's value (a thread id) is not a constant,
but every rival store tests the owner first."""
import threading


class Busy(Exception):
    pass


class Exclusive:
    def __init__(self):
        self._lock = threading.Lock()
        self._owner = None

    def run(self, job):
        me = threading.get_ident()
        with self._lock:
            if self._owner is not None:
                raise Busy()
            self._owner = me
        try:
            return job()
        finally:
            with self._lock:
                self._owner = None

    def release(self):
        with self._lock:
            if self._owner == threading.get_ident():
                self._owner = None
