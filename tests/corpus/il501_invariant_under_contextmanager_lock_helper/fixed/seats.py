"""Fixed twin: `sell` moves the seats from `free` to `sold` in one `with self._locked():` section,
so no other thread holding the helper's lock sees them in neither count."""
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
            self.sold += n
        return True

    def audit(self) -> bool:
        with self._locked():
            return self.free + self.sold == self.capacity
