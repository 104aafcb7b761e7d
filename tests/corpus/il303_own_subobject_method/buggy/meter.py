"""IL303 on `LevelMeter._read` under `LevelMeter._lock`: `_read` is a method of the source object
the caller hands in, so `poll_level` runs foreign code while holding the lock `levels` needs."""
import threading


class LevelMeter:
    def __init__(self, source):
        self._lock = threading.Lock()
        self._source = source
        self._read = self._source.read_level
        self._levels = []

    def poll_level(self):
        with self._lock:
            level = self._read()
            self._levels.append(level)
        return level

    def levels(self):
        with self._lock:
            return list(self._levels)
