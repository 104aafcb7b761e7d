"""IL103 on `_Meter.count` and `_Gauge.level`: both classes are private, but their objects leave the
module: `open_meter()` returns a `_Meter` and `Hub` keeps its `_Gauge` on the public field `gauge`.
Any thread of the caller may then call `add`/`raise_by`, and each adds to its field outside its lock.
IL103 on `_Window.size`: `Recorder` keeps its `_Window` in a private field, but `Recorder` is a
public class with no lock of its own, so its callers (any threads) are not in scope and
`record` -> `push` adds to `size` outside the window's lock."""
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


class _Window:
    def __init__(self):
        self._lock = threading.Lock()
        self.items = []
        self.size = 0

    def push(self, item):
        self.size += 1
        with self._lock:
            self.items.append(item)


class Recorder:
    def __init__(self):
        self._window = _Window()

    def record(self, item):
        self._window.push(item)
