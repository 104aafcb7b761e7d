"""IL103 on `Transcoder.done`: `_convert` runs in many executor workers at once and does
`self.done += 1` with no lock; two workers can read the same value and one increment is lost."""
from concurrent.futures import ThreadPoolExecutor


class Transcoder:
    def __init__(self, codec, workers=4):
        self.codec = codec
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
        self.done += 1

    def progress(self, total):
        return self.done / max(total, 1)
