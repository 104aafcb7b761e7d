"""IL501 on `Venue.free + Venue.sold == Venue.capacity`: every change of the seat counts runs
inside `with self._locked():`, a `@contextmanager` helper that holds `self._lock` around its
`yield`. `sell` takes the seats off `free` in one such section and adds them to `sold` in a
second one: between the two the lock is free and the `audit` thread, which checks the counts
under the same helper, sees seats missing."""
import threading
from contextlib import contextmanager


class Venue:
    def __init__(self, capacity: int) -> None:
        self._lock = threading.Lock()
        self.capacity = capacity
        self.free = capacity
        self.sold = 0

    @contextmanager
    def _locked(self):
        with self._lock:
            yield

    def sell(self, n: int) -> bool:
        if n <= 0:
            raise ValueError("sell at least one seat")
        with self._locked():
            if n > self.free:
                return False
            self.free -= n
        with self._locked():
            self.sold += n
        return True

    def audit(self) -> bool:
        with self._locked():
            return self.free + self.sold == self.capacity
