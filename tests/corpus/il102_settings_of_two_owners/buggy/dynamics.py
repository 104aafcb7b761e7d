"""IL102 on `Limiter.ceiling`: the limiter is handed the compressor's OWN `CompressorSettings`
(one object), so `set_threshold` writes it under `Compressor._lock` while `ceiling` reads it
under `Limiter._lock`: two locks, one object, no lock in common."""
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
    def __init__(self, settings: CompressorSettings):
        self._lock = threading.Lock()
        self.settings: CompressorSettings = settings

    def ceiling(self):
        with self._lock:
            return self.settings.threshold_db


def build_chain():
    comp = Compressor()
    return comp, Limiter(comp.settings)
