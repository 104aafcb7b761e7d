"""IL101 on `Meter.peak`: `Mixer.process` runs on many threads at once (a lock-owning class's
public method) and feeds the mixer's one shared `Meter`, whose `measure` updates `peak` unlocked."""
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
        self.meter = Meter()
        self.blocks = 0

    def process(self, block):
        with self._lock:
            self.blocks += 1
        return self.meter.measure(block)
