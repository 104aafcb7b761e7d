"""Play statistics: one object for the whole process, guarded by its own lock."""
import threading


class PlayStats:
    def __init__(self):
        self._lock = threading.Lock()
        self.plays = 0
        self.skips = 0

    def played(self):
        with self._lock:
            self.plays += 1

    def skipped(self):
        with self._lock:
            self.skips += 1


STATS = PlayStats()
