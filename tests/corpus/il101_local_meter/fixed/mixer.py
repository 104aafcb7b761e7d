"""Silent: each `Mixer.process` call builds its own `Meter` and only calls methods on it, so the
threads running `process` at once each update their own `peak` (a local the function owns)."""
import threading


class Meter:
    def __init__(self):
        self.peak = 0.0

    def measure(self, block):
        for x in block:
            if abs(x) > self.peak:
                self.peak = abs(x)
        return self.peak


class Mixer:
    def __init__(self):
        self._lock = threading.Lock()
        self.blocks = 0

    def process(self, block):
        with self._lock:
            self.blocks += 1
        meter = Meter()
        return meter.measure(block)
