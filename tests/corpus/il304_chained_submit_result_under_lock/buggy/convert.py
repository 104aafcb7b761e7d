"""IL304 on `Converter._lock`: `convert_now` submits a job and waits for its result in one
expression (`pool.submit(...).result()`) while holding the lock, so `total()` stalls until the
conversion ends."""
import threading
from concurrent.futures import ThreadPoolExecutor


def convert(path: str) -> int:
    with open(path, "rb") as f:
        return len(f.read())


class Converter:
    def __init__(self):
        self._pool = ThreadPoolExecutor(max_workers=2)
        self._lock = threading.Lock()
        self._bytes = 0

    def convert_now(self, path: str) -> None:
        with self._lock:
            self._bytes += self._pool.submit(convert, path).result()

    def total(self) -> int:
        with self._lock:
            return self._bytes
