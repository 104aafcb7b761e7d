"""Each track's entry is updated under that track's lock, taken from a
`defaultdict(threading.Lock)`; changing the dict and reading across its entries also hold the
lock of the whole dict, so the sum never sees the dict change size."""
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor


class PlayStats:
    def __init__(self):
        self._track_locks = defaultdict(threading.Lock)
        self._all = threading.Lock()
        self._seconds = {}

    def record(self, track_id, seconds):
        with self._track_locks[track_id]:
            with self._all:
                self._seconds[track_id] = self._seconds.get(track_id, 0.0) + seconds

    def share(self, track_id):
        """The track's part of all the time played."""
        with self._all:
            mine = self._seconds.get(track_id, 0.0)
            total = sum(self._seconds.values())
        return mine / total if total else 0.0


def play(stats: PlayStats, plays):
    with ThreadPoolExecutor(max_workers=4) as pool:
        for track_id, seconds in plays:
            pool.submit(stats.record, track_id, seconds)
        shares = [pool.submit(stats.share, track_id) for track_id, _ in plays]
    return [s.result() for s in shares]
