"""Fixed twin: `record` increments under `_lock`."""
import threading


class PlayStats:
    def __init__(self):
        self._lock = threading.Lock()
        self.plays = {}

    def record(self, track_id):
        with self._lock:
            self.plays[track_id] = self.plays.get(track_id, 0) + 1

    def top(self, n=10):
        with self._lock:
            ranked = sorted(self.plays.items(), key=lambda kv: kv[1], reverse=True)
        return ranked[:n]

    def reset(self):
        with self._lock:
            self.plays = {}
