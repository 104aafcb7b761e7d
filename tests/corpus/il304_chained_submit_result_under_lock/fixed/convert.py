"""Fixed twin: `convert_now` waits for the job's result (`pool.submit(...).result()`) before it
takes the lock to add it."""
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
        size = self._pool.submit(convert, path).result()
        with self._lock:
            self._bytes += size

    def total(self) -> int:
        with self._lock:
            return self._bytes
