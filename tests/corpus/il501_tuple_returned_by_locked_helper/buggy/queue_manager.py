"""Play queue shared by the API (remove tracks) and the playback thread (advance)."""
import threading


class PlayQueue:
    def __init__(self, tracks):
        self._lock = threading.RLock()
        self.tracks = list(tracks)
        self.index = 0 if self.tracks else -1

    def current(self):
        with self._lock:
            if 0 <= self.index < len(self.tracks):
                return self.tracks[self.index]
            return None

    def remove(self, pos: int) -> None:
        with self._lock:
            if not 0 <= pos < len(self.tracks):
                return
            del self.tracks[pos]
            if pos < self.index or self.index >= len(self.tracks):
                self.index -= 1

    def _peek_next(self):
        with self._lock:
            return self.index + 1, len(self.tracks)

    def advance(self) -> bool:
        nxt, size = self._peek_next()
        if nxt >= size:
            return False
        with self._lock:
            self.index = nxt
        return True
