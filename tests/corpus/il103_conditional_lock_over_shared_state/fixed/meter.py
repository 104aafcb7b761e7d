"""Silent: `record` always takes the gate around the shared count."""
import threading


class _Totals:
    def __init__(self):
        self.count = 0


class Meter:
    def __init__(self, quiet=False):
        self._quiet = quiet
        self._gate = threading.Lock()
        self._totals = _Totals()

    def record(self):
        with self._gate:
            self._totals.count += 1


def worker(meter):
    for _ in range(100):
        meter.record()


def main():
    meter = Meter(quiet=True)
    for _ in range(4):
        threading.Thread(target=worker, args=(meter,)).start()
