"""Resize jobs on a multiprocessing ThreadPool; each job's result callback records it."""
from multiprocessing.pool import ThreadPool


def resize(path: str) -> int:
    return len(path)


class Resizer:
    def __init__(self) -> None:
        self.pool = ThreadPool(4)
        self.done: list[str] = []
        self.total = 0

    def _record(self, size: int) -> None:
        self.total += size                    # the pool's result thread runs this

    def submit(self, path: str) -> None:
        self.pool.apply_async(resize, (path,), callback=self._record)

    def report(self) -> int:
        self.total = 0                        # reset while callbacks still add
        return len(self.done)
