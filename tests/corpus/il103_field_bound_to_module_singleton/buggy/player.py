import threading

from stats import STATS


class Player:
    def __init__(self, tracks):
        self.tracks = list(tracks)
        self.stats = STATS
        self._thread = threading.Thread(target=self._play_all, daemon=True)

    def start(self):
        self._thread.start()

    def _play_all(self):
        for _ in self.tracks:
            self.stats.played()
