"""IL501 on `Library.loaded`/`budget`: `ensure` calls `_load` on the right of `or` (only when the
ready event is not set yet); `_load` tests the budget before it takes the lock, so two scanners
both pass the test and both load: loaded > budget."""
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
        if self.loaded >= self.budget:
            return False
        with self._lock:
            self.loaded += 1
            self._ready.set()
        return True
