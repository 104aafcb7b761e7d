"""Play history, kept consistent with the playlist by sharing its lock."""


class History:
    def __init__(self, lock):
        self._lock = lock
        self.played = []
        self.skips = 0

    def push(self, track):
        with self._lock:
            self.played.append(track)

    def skip(self):
        with self._lock:
            self.skips += 1

    def recent(self, n=10):
        with self._lock:
            return self.played[-n:]
