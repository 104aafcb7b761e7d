"""Fixed twin: `record` holds the meter's lock around the helper that bumps the counter; a
per-call scratch dict handed to the same helper needs none."""
import threading


class Meter:
    def __init__(self):
        self._lock = threading.Lock()
        self._counts = {}

    @staticmethod
    def _bump(counts, key):
        counts[key] = counts.get(key, 0) + 1

    def record(self, key):
        scratch = {}
        self._bump(scratch, key)
        with self._lock:
            self._bump(self._counts, key)

    def snapshot(self):
        with self._lock:
            return dict(self._counts)

    def start(self, keys):
        for k in keys:
            threading.Thread(target=self.record, args=(k,)).start()
