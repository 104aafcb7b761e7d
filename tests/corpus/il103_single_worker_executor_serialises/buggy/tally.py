import threading
from concurrent.futures import ThreadPoolExecutor

POOL_SIZE = 2


class VoteTally:
    """Counts votes per candidate; every change is a job on the tally's own pool."""

    def __init__(self):
        self._jobs = ThreadPoolExecutor(max_workers=POOL_SIZE)
        self._counts = {}

    def _add(self, candidate, n):
        self._counts[candidate] = self._counts.get(candidate, 0) + n

    def _count_of(self, candidate):
        return self._counts.get(candidate, 0)

    def cast(self, candidate, n=1):
        return self._jobs.submit(self._add, candidate, n)

    def count(self, candidate):
        return self._jobs.submit(self._count_of, candidate).result()


def run_polls(tally, ballots):
    stations = [threading.Thread(target=tally.cast, args=(b,)) for b in ballots]
    for s in stations:
        s.start()
    for s in stations:
        s.join()
    return tally.count(ballots[0])
