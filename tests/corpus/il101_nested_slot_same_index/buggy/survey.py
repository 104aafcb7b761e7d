"""IL101 on `Survey.reports`: every pool job writes the keys of the same slot,
`self.reports[0]`, so the jobs run by the pool at once write one dict with no lock."""
from concurrent.futures import ThreadPoolExecutor


def compute(i):
    return i * i


class Survey:
    def __init__(self, n):
        self.reports = [dict() for _ in range(n)]

    def _fill(self, i):
        self.reports[0]["score"] = compute(i)
        self.reports[0]["done"] = True

    def run(self, n):
        with ThreadPoolExecutor(4) as pool:
            list(pool.map(self._fill, range(n)))


def survey(n):
    s = Survey(n)
    s.run(n)
    return s.reports
