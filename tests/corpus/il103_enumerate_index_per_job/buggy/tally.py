"""IL103 on `Tally.sizes`: the jobs count into `self.sizes[kind]`, and two entries of `kinds`
may name the same kind, so two jobs can add to one slot at once and lose an update."""
from concurrent.futures import ThreadPoolExecutor, wait


def measure(name):
    return len(name)


class Tally:
    def __init__(self):
        self.sizes = []

    def _measure(self, kind, names):
        for name in names:
            self.sizes[kind] += measure(name)

    def run(self, groups):
        kinds = [k for k, _ in groups]
        self.sizes = [0] * (max(kinds) + 1)
        with ThreadPoolExecutor(4) as pool:
            futures = [pool.submit(self._measure, kind, names) for i, (kind, names) in enumerate(groups)]
            wait(futures)
        return list(self.sizes)


def main(groups):
    return Tally().run(groups)
