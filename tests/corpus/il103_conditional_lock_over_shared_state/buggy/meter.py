"""IL103 on `_Totals.count`: `_Totals` is a plain class and every `Meter` thread shares the one
object, yet `record` takes the gate only when `quiet` is false (`nullcontext()` otherwise). No
field's object is of a `threading.local` subclass chosen by that flag, so the conditional `with`
guards nothing on its other arm."""
import threading
from contextlib import nullcontext


class _Totals:
    def __init__(self):
        self.count = 0


class Meter:
    def __init__(self, quiet=False):
        self._quiet = quiet
        self._gate = threading.Lock()
        self._totals = _Totals()

    def record(self):
        with nullcontext() if self._quiet else self._gate:
            self._totals.count += 1


def worker(meter):
    for _ in range(100):
        meter.record()


def main():
    meter = Meter(quiet=True)
    for _ in range(4):
        threading.Thread(target=worker, args=(meter,)).start()
