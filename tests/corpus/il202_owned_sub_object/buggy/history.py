"""IL202 on `Meter.history`: `Channel.report` hands the channel's own `Meter` to a `Report`, so
`Report.summary` (under the report's lock) iterates the `history` that `Channel.process` (under
the channel's lock) appends to."""
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

    def report(self):
        return Report(self._meter)


class Report:
    def __init__(self, meter: Meter):
        self._lock = threading.Lock()
        self.meter = meter

    def summary(self):
        with self._lock:
            return self.meter.total()
