"""IL103: `Census.new_tally()` hands every caller the one `Tally` it keeps in `self._shared`, so
two threads running `count_region` both do `self.people += size` on it: an update can be lost."""
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
        self._shared = Tally()

    def new_tally(self) -> Tally:
        tally = self._shared
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
