"""Fixed twin: `_load` (called on the right of `or`) tests the budget under the lock that counts."""
import threading


class Library:
    def __init__(self):
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self.loaded = 0
        self.budget = 1

    def ensure(self) -> bool:
        ok = self._ready.is_set() or self._load()
        return ok

    def _load(self) -> bool:
        with self._lock:
            if self.loaded >= self.budget:
                return False
            self.loaded += 1
            self._ready.set()
        return True
