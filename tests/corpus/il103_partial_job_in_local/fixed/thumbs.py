"""Fixed twin: the jobs the local `partial` runs add to the total under a lock."""
import functools
import os
import threading
from concurrent.futures import ThreadPoolExecutor


class Thumbnailer:
    def __init__(self, size=128):
        self.size = size
        self.bytes_read = 0
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=4)

    def _shrink(self, path, *, size):
        with open(path, "rb") as fh:
            data = fh.read()
        with self._lock:
            self.bytes_read += len(data)
        return os.path.basename(path), data[:size]

    def run(self, paths):
        shrink = functools.partial(self._shrink, size=self.size)
        futures = [self._pool.submit(shrink, p) for p in paths]
        return dict(f.result() for f in futures)

    def close(self):
        self._pool.shutdown()


def main(paths):
    t = Thumbnailer()
    try:
        return t.run(paths)
    finally:
        t.close()
