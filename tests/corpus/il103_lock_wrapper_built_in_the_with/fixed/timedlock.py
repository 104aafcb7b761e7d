"""A lock wrapper that gives up after a timeout instead of hanging forever."""


class LockTimeout(RuntimeError):
    pass


class TimedLock:
    def __init__(self, lock, timeout=5.0):
        self._lock = lock
        self._timeout = timeout

    def __enter__(self):
        if not self._lock.acquire(timeout=self._timeout):
            raise LockTimeout(f"lock not acquired in {self._timeout}s")
        return self

    def __exit__(self, *exc):
        self._lock.release()
        return False
