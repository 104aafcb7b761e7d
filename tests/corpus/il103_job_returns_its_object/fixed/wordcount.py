"""Word counting in a pool: every job fills a Tally of its own and returns it; the caller adds
the finished tallies up."""
from concurrent.futures import ThreadPoolExecutor


class Tally:
    def __init__(self):
        self.words = 0

    def add(self, n):
        self.words += n


def count_batch(lines):
    tally = Tally()
    for line in lines:
        tally.add(len(line.split()))
    return tally


def count_all(batches):
    with ThreadPoolExecutor(4) as pool:
        tallies = list(pool.map(count_batch, batches))
    return sum(t.words for t in tallies)
