"""Lock wrappers of the project: each subclass says which lock it takes and how long it waits."""


class TimedHold:
    """`with Sub(lock):` takes the lock handed to the subclass's constructor, or raises."""

    timeout = 5.0

    def __enter__(self):
        if not self._lock.acquire(timeout=self.timeout):
            raise TimeoutError(f"{self.label}: lock not taken in {self.timeout}s")
        return self

    def __exit__(self, exc_type, exc, tb):
        self._lock.release()
        return False
