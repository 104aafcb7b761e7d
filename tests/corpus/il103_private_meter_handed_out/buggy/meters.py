"""IL103 on `_Meter.count` and `_Gauge.level`: both classes are private, but their objects leave the
module: `open_meter()` returns a `_Meter` and `Hub` keeps its `_Gauge` on the public field `gauge`.
Any thread of the caller may then call `add`/`raise_by`, and each adds to its field outside its lock."""
import threading


class _Meter:
    def __init__(self):
        self._lock = threading.Lock()
        self.count = 0
        self.peak = 0

    def add(self, n: int):
        self.count += n
        with self._lock:
            if self.count > self.peak:
                self.peak = self.count

    def read(self):
        with self._lock:
            return self.count, self.peak


def open_meter():
    return _Meter()


class _Gauge:
    def __init__(self):
        self._lock = threading.Lock()
        self.level = 0

    def raise_by(self, n: int):
        self.level = self.level + n

    def read(self):
        with self._lock:
            return self.level


class Hub:
    def __init__(self):
        self.gauge = _Gauge()
