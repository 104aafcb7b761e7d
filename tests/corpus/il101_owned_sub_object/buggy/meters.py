"""IL101 on `Meter.peak`: `Channel.report` hands the channel's own `Meter` to a `Report`, so
`Channel.process` (under the channel's lock) and `Report.page` (under the report's) update one
meter's `peak` with no lock in common."""
import threading


class Meter:
    def __init__(self):
        self.peak = 0.0

    def measure(self, block):
        for x in block:
            if abs(x) > self.peak:
                self.peak = abs(x)
        return self.peak


class Channel:
    def __init__(self):
        self._lock = threading.Lock()
        self._meter = None

    def process(self, block):
        with self._lock:
            if self._meter is None:
                self._meter = Meter()
            return self._meter.measure(block)

    def level(self):
        with self._lock:
            return len(str(self._meter))

    def report(self):
        with self._lock:
            return Report(self._meter)


class Report:
    def __init__(self, meter: Meter):
        self._lock = threading.Lock()
        self.meter = meter
        self.pages = 0

    def page(self, block):
        with self._lock:
            self.pages += 1
            return self.meter.measure(block)
