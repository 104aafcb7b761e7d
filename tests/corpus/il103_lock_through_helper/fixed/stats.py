import threading
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager


class DownloadStats:
    def __init__(self):
        self._lock = threading.Lock()
        self.completed = 0
        self.failed = 0
        self.bytes_total = 0

    @contextmanager
    def _locked(self):
        self._lock.acquire()
        try:
            yield
        finally:
            self._lock.release()

    def _mutex(self):
        return self._lock

    def record(self, size: int, ok: bool):
        with self._locked():
            self.completed += 1
            self.bytes_total += size
            if not ok:
                self.failed += 1

    def summary(self) -> str:
        with self._mutex():
            return f"{self.completed} done, {self.failed} failed, {self.bytes_total} bytes"


def fetch(stats: DownloadStats, url: str):
    stats.record(len(url) * 100, ok=not url.endswith("/missing"))


def main(urls: list[str]):
    stats = DownloadStats()
    with ThreadPoolExecutor(max_workers=4) as pool:
        for url in urls:
            pool.submit(fetch, stats, url)
    print(stats.summary())
