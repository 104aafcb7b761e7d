"""Silent: a `Channel` builds its own `Meter` (lazily, under its lock) and never lets it out, so the
meter a `Report` was handed is another object: `Channel.process` and `Report.page` each update the
`peak` of their own meter, under their own lock (RacerD's ownership, through a field)."""
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


class Report:
    def __init__(self, meter: Meter):
        self._lock = threading.Lock()
        self.meter = meter
        self.pages = 0

    def page(self, block):
        with self._lock:
            self.pages += 1
            return self.meter.measure(block)
