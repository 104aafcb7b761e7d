"""IL103 on `PlayStats.plays`: `record` is called from many request threads and does
`plays[k] = plays.get(k, 0) + 1` without the lock that `top` uses; concurrent plays are lost."""
import threading


class PlayStats:
    def __init__(self):
        self._lock = threading.Lock()
        self.plays = {}

    def record(self, track_id):
        self.plays[track_id] = self.plays.get(track_id, 0) + 1

    def top(self, n=10):
        with self._lock:
            ranked = sorted(self.plays.items(), key=lambda kv: kv[1], reverse=True)
        return ranked[:n]

    def reset(self):
        with self._lock:
            self.plays = {}
