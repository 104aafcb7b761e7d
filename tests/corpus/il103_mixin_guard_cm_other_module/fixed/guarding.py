"""A mixin that hands out its lock through a `@contextmanager`; the lock is made by a setup helper."""
import threading
from contextlib import contextmanager


class GuardedMixin:
    def _setup_guard(self) -> None:
        self._state_lock = threading.Lock()

    @contextmanager
    def _guarded(self):
        with self._state_lock:
            yield
