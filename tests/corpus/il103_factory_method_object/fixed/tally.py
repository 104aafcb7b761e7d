"""Silent: `Census.new_tally()` builds a new `Tally` on every call (an annotated factory), so each
thread running `count_region` fills a tally of its own, like one it built with `Tally()` itself."""
import threading


class Tally:
    def __init__(self):
        self.households = 0
        self.people = 0

    def add(self, size):
        self.households += 1
        self.people += size


class Census:
    def __init__(self):
        self._lock = threading.Lock()
        self.totals = {}

    def new_tally(self) -> Tally:
        tally = Tally()
        tally.people = 0
        return tally

    def count_region(self, region, sizes):
        tally = self.new_tally()
        for size in sizes:
            tally.add(size)
        with self._lock:
            self.totals[region] = tally.people


def main(regions):
    census = Census()
    workers = [threading.Thread(target=census.count_region, args=(name, sizes)) for name, sizes in regions.items()]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return census.totals
