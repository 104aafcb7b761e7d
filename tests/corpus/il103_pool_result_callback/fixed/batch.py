"""Resize jobs on a multiprocessing ThreadPool; each job's result callback records it."""
import threading
from multiprocessing.pool import ThreadPool


def resize(path: str) -> int:
    return len(path)


class Resizer:
    def __init__(self) -> None:
        self.pool = ThreadPool(4)
        self._lock = threading.Lock()
        self.done: list[str] = []
        self.total = 0

    def _record(self, size: int) -> None:
        with self._lock:                      # the pool's result thread runs this
            self.total += size

    def submit(self, path: str) -> None:
        self.pool.apply_async(resize, (path,), callback=self._record)

    def report(self) -> int:
        with self._lock:
            self.total = 0
            return len(self.done)
