import threading

import stats


class Radio:
    def __init__(self, stations):
        self.stations = list(stations)
        self.stats = stats.STATS
        self._thread = threading.Thread(target=self._tune, daemon=True)

    def start(self):
        self._thread.start()

    def _tune(self):
        for _ in self.stations:
            self.stats.played()
