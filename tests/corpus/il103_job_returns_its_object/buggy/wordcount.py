"""Word counting in a pool: every job adds into one Tally that the caller hands to all of them."""
from concurrent.futures import ThreadPoolExecutor


class Tally:
    def __init__(self):
        self.words = 0

    def add(self, n):
        self.words += n


def count_batch(lines, tally: Tally):
    for line in lines:
        tally.add(len(line.split()))
    return tally


def count_all(batches):
    tally = Tally()
    with ThreadPoolExecutor(4) as pool:
        for batch in batches:
            pool.submit(count_batch, batch, tally)
    return tally.words
