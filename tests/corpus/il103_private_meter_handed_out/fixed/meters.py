"""Silent: the private `_Meter` and `_Gauge` leave the module (returned by `open_meter()`, kept on
`Hub.gauge`), so any thread may call them, and each takes its lock for every change; so does `_Window`, which the public
`Recorder` uses for callers out of scope."""
import threading


class _Meter:
    def __init__(self):
        self._lock = threading.Lock()
        self.count = 0
        self.peak = 0

    def add(self, n: int):
        with self._lock:
            self.count += n
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
        with self._lock:
            self.level = self.level + n

    def read(self):
        with self._lock:
            return self.level


class Hub:
    def __init__(self):
        self.gauge = _Gauge()


class _Window:
    def __init__(self):
        self._lock = threading.Lock()
        self.items = []
        self.size = 0

    def push(self, item):
        with self._lock:
            self.size += 1
            self.items.append(item)


class Recorder:
    def __init__(self):
        self._window = _Window()

    def record(self, item):
        self._window.push(item)
