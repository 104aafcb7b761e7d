"""Fixed twin: the pool maps `_fill` over `range(n)`, so every job gets an index of its own
and writes only the dict in its own slot, `self.reports[i]`."""
from concurrent.futures import ThreadPoolExecutor


def compute(i):
    return i * i


class Survey:
    def __init__(self, n):
        self.reports = [dict() for _ in range(n)]

    def _fill(self, i):
        self.reports[i]["score"] = compute(i)
        self.reports[i]["done"] = True

    def run(self, n):
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(self._fill, range(n)))


def survey(n):
    s = Survey(n)
    s.run(n)
    return s.reports
