"""IL103 on `Meter._counts`: `record` (a thread per key) hands its counter dict to `_bump`,
which reads the count with `get` and writes it back; two threads on one key lose an update."""
import threading


class Meter:
    def __init__(self):
        self._lock = threading.Lock()
        self._counts = {}

    @staticmethod
    def _bump(counts, key):
        counts[key] = counts.get(key, 0) + 1

    def record(self, key):
        self._bump(self._counts, key)

    def snapshot(self):
        with self._lock:
            return dict(self._counts)

    def start(self, keys):
        for k in keys:
            threading.Thread(target=self.record, args=(k,)).start()
