"""A playlist shared by the UI and the download threads. `total_seconds` is a property that takes
the lock; `add`, which holds the lock already, sums through an unlocked helper instead."""
import threading


class Playlist:
    def __init__(self, limit_seconds=3600):
        self._lock = threading.Lock()
        self._tracks = []
        self.limit_seconds = limit_seconds

    @property
    def total_seconds(self):
        with self._lock:
            return self._total_locked()

    def _total_locked(self):
        return sum(t["seconds"] for t in self._tracks)

    def add(self, track):
        with self._lock:
            if self._total_locked() + track["seconds"] > self.limit_seconds:
                return False
            self._tracks.append(track)
            return True

    def remove(self, title):
        with self._lock:
            self._tracks = [t for t in self._tracks if t["title"] != title]
