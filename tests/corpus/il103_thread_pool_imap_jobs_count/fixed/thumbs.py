"""Thumbnail generation over a thread pool; each job counts what it produced."""
from multiprocessing.pool import ThreadPool


def render(path: str) -> bytes:
    return path.encode()


class ThumbnailBatch:
    def __init__(self, paths: list[str]) -> None:
        self.paths = paths
        self.bytes_written = 0

    def _one(self, path: str) -> tuple[str, int]:
        data = render(path)
        return path, len(data)                   # summed by the caller, on one thread

    def run(self) -> int:
        with ThreadPool(8) as pool:
            for done, size in pool.imap_unordered(self._one, self.paths):
                self.bytes_written += size
                print("done", done)
        return self.bytes_written
