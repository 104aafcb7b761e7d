"""Tally log lines on a pool of worker processes: each job adds to its own copy of the counter
and hands its count back; the parent sums the results."""
import multiprocessing


class Tally:
    def __init__(self):
        self._pool = multiprocessing.Pool(4)
        self.lines = 0

    def _count(self, path: str) -> int:
        with open(path) as fh:
            n = sum(1 for _ in fh)
        self.lines += n                     # the child's own copy
        return n

    def run(self, paths: list[str]) -> int:
        pending = [self._pool.apply_async(self._count, (p,)) for p in paths]
        return sum(job.get() for job in pending)

    def run_lazily(self, paths: list[str]) -> int:
        return sum(self._pool.imap_unordered(self._count, paths))


if __name__ == "__main__":
    import sys

    t = Tally()
    print(t.run(sys.argv[1:]), t.run_lazily(sys.argv[1:]))
