"""IL103 on `Thumbnailer.bytes_read`: the job is a `partial` kept in a local and then submitted
once per image, so several pool threads add to the total at once with no lock."""
import functools
import os
from concurrent.futures import ThreadPoolExecutor


class Thumbnailer:
    def __init__(self, size=128):
        self.size = size
        self.bytes_read = 0
        self._pool = ThreadPoolExecutor(max_workers=4)

    def _shrink(self, path, *, size):
        with open(path, "rb") as fh:
            data = fh.read()
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
