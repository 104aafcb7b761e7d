"""Fixed twin: `convert_now` converts one file on the pool and waits for it before it takes the
lock to add the size. The done-callback is a lambda handing its (settled) future on to
`_on_done`, which reads it under the lock: that never blocks."""
import threading
from concurrent.futures import ThreadPoolExecutor


def convert(path: str) -> int:
    with open(path, "rb") as f:
        return len(f.read())


class BatchConverter:
    def __init__(self, workers: int = 4):
        self._pool = ThreadPoolExecutor(max_workers=workers)
        self._lock = threading.Lock()
        self._bytes = 0
        self._errors: list[str] = []

    def submit_all(self, paths):
        for p in paths:
            fut = self._pool.submit(convert, p)
            fut.add_done_callback(lambda f, p=p: self._on_done(p, f))

    def _on_done(self, path, fut):
        with self._lock:
            if fut.exception() is not None:
                self._errors.append(path)
            else:
                self._bytes += fut.result()

    def convert_now(self, path):
        job = self._pool.submit(convert, path)
        size = job.result()
        with self._lock:
            self._bytes += size

    def totals(self):
        with self._lock:
            return self._bytes, list(self._errors)
