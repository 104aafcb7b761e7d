"""Fixed twin: each job gets the position `enumerate` hands it, so every job adds only to its
own slot, `self.sizes[i]`, and no two jobs touch one element."""
from concurrent.futures import ThreadPoolExecutor, wait


def measure(name):
    return len(name)


class Tally:
    def __init__(self):
        self.sizes = []

    def _measure(self, i, names):
        for name in names:
            self.sizes[i] += measure(name)

    def run(self, groups):
        self.sizes = [0] * len(groups)
        with ThreadPoolExecutor(4) as pool:
            futures = [pool.submit(self._measure, i, names) for i, (kind, names) in enumerate(groups)]
            wait(futures)
        return list(self.sizes)


def main(groups):
    return Tally().run(groups)
