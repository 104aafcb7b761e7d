"""A playlist shared by the UI and the download threads. `total_seconds` is a property that takes
the lock; `add` reads it while it already holds that lock: the read runs the getter, which
blocks on the non-reentrant lock forever."""
import threading


class Playlist:
    def __init__(self, limit_seconds=3600):
        self._lock = threading.Lock()
        self._tracks = []
        self.limit_seconds = limit_seconds

    @property
    def total_seconds(self):
        with self._lock:
            return sum(t["seconds"] for t in self._tracks)

    def add(self, track):
        with self._lock:
            if self.total_seconds + track["seconds"] > self.limit_seconds:
                return False
            self._tracks.append(track)
            return True

    def remove(self, title):
        with self._lock:
            self._tracks = [t for t in self._tracks if t["title"] != title]
