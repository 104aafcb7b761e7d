"""A level meter fed by several capture threads. `record` binds the meter and the lock to locals
first (a common micro-optimisation); every update of the meter runs under the service's lock (the
snapshot of `state` read under the lock is compared after it: a value, not the field)."""
import threading


class Meter:
    def __init__(self):
        self.total = 0.0
        self.peak = 0.0

    def add(self, level):
        self.total = self.total + level
        if level > self.peak:
            self.peak = level


class LevelService:
    def __init__(self):
        self._lock = threading.Lock()
        self.meter = Meter()
        self.state = "idle"

    def record(self, level):
        lock = self._lock
        with lock:
            meter = self.meter
            meter.add(level)

    def set_state(self, state):
        lock = self._lock
        with lock:
            self.state = state

    def describe(self):
        lock = self._lock
        with lock:
            state = self.state
        if state == "idle":
            return "idle"
        return f"{state}: {self.report()}"

    def report(self):
        lock = self._lock
        with lock:
            meter = self.meter
            return meter.total, meter.peak


def start(service, sources):
    for source in sources:
        threading.Thread(target=lambda s=source: [service.record(x) for x in s], daemon=True).start()
