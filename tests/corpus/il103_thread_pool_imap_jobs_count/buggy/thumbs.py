"""Thumbnail generation over a thread pool; each job counts what it produced."""
from multiprocessing.pool import ThreadPool


def render(path: str) -> bytes:
    return path.encode()


class ThumbnailBatch:
    def __init__(self, paths: list[str]) -> None:
        self.paths = paths
        self.bytes_written = 0

    def _one(self, path: str) -> str:
        data = render(path)
        self.bytes_written += len(data)          # jobs run on several pool threads at once
        return path

    def run(self) -> int:
        with ThreadPool(8) as pool:
            for done in pool.imap_unordered(self._one, self.paths):
                print("done", done)
        return self.bytes_written
