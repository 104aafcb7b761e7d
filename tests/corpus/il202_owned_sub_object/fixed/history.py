"""Silent: each `Channel` builds its own `Meter` and never lets it out, so the meter a `Report` sums
is another object: `Channel.process` appends to its meter's `history` while `Report.summary`
iterates the `history` of the report's own meter (RacerD's ownership, through a field)."""
import threading


class Meter:
    def __init__(self):
        self.history = []

    def record(self, level):
        self.history.append(level)

    def total(self):
        return sum(x for x in self.history)


class Channel:
    def __init__(self):
        self._lock = threading.Lock()
        self._meter = Meter()

    def process(self, block):
        with self._lock:
            self._meter.record(max(block))


class Report:
    def __init__(self, meter: Meter):
        self._lock = threading.Lock()
        self.meter = meter

    def summary(self):
        with self._lock:
            return self.meter.total()
