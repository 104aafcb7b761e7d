"""Fixed twin: the increment holds `_lock` across the read and the write."""
import threading
from concurrent.futures import ThreadPoolExecutor


class Transcoder:
    def __init__(self, codec, workers=4):
        self.codec = codec
        self._lock = threading.Lock()
        self.done = 0
        self.failed = []
        self._pool = ThreadPoolExecutor(max_workers=workers)

    def run(self, paths):
        futures = []
        for path in paths:
            futures.append(self._pool.submit(self._convert, path))
        return futures

    def _convert(self, path):
        try:
            self.codec.encode(path)
        except OSError:
            return
        with self._lock:
            self.done += 1

    def progress(self, total):
        with self._lock:
            return self.done / max(total, 1)
