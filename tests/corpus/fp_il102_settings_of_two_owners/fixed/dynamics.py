"""Nothing should be reported (known false positive, from Auralis `CompressorSettings`): each
processor owns its OWN `CompressorSettings` instance and guards it with its own lock. Locks are
compared per class, not per instance, so the reads in `Limiter` (under `Limiter._lock`) look
unguarded by `Compressor._lock`, which is held where `Compressor` writes its own instance."""
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
