"""Nothing to report: each processor builds its OWN `CompressorSettings` in its constructor and
guards it with its own lock. The attribute has one name (`CompressorSettings.threshold_db`) but
two objects, one per owner, so `Compressor._lock` and `Limiter._lock` never guard the same data."""
import threading


class CompressorSettings:
    def __init__(self, threshold_db=-18.0, ratio=4.0):
        self.threshold_db = threshold_db
        self.ratio = ratio


class Compressor:
    def __init__(self):
        self._lock = threading.Lock()
        self.settings: CompressorSettings = CompressorSettings()

    def set_threshold(self, db):
        with self._lock:
            self.settings.threshold_db = db

    def describe(self):
        with self._lock:
            return self.settings.threshold_db


class Limiter:
    def __init__(self):
        self._lock = threading.Lock()
        self.settings: CompressorSettings = CompressorSettings(-1.0, 20.0)

    def ceiling(self):
        with self._lock:
            return self.settings.threshold_db


def build_chain():
    return Compressor(), Limiter()
