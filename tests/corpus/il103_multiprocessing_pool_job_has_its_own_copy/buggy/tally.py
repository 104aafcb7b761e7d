"""Tally log lines on a pool of worker threads: every job adds to the one counter."""
import multiprocessing.pool


class Tally:
    def __init__(self):
        self._pool = multiprocessing.pool.ThreadPool(4)
        self.lines = 0

    def _count(self, path: str) -> int:
        with open(path) as fh:
            n = sum(1 for _ in fh)
        self.lines += n
        return n

    def run(self, paths: list[str]) -> int:
        pending = [self._pool.apply_async(self._count, (p,)) for p in paths]
        for job in pending:
            job.wait()
        return self.lines

    def run_lazily(self, paths: list[str]) -> int:
        return sum(self._pool.imap_unordered(self._count, paths))


if __name__ == "__main__":
    import sys

    t = Tally()
    print(t.run(sys.argv[1:]), t.run_lazily(sys.argv[1:]))
