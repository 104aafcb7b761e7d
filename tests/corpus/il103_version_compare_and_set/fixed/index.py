"""Silent: `_rebuild` snapshots the entries and their version under the lock, normalises them
outside it, and stores the result only if the version is still the one it read, tested in the
storing critical section, which bumps the version (compare-and-set on a version counter). An
`add` in between bumps the version too, so the stale rebuild is dropped and retried."""
import threading
import time


def _normalise(doc):
    return " ".join(str(doc).lower().split())


class SearchIndex:
    def __init__(self):
        self._lock = threading.Lock()
        self._entries = {}
        self._version = 0
        self._refresher = threading.Thread(target=self._refresh_loop, daemon=True)

    def start(self):
        self._refresher.start()

    def add(self, key, doc):
        with self._lock:
            entries = dict(self._entries)
            entries[key] = doc
            self._entries = entries
            self._version += 1

    def _refresh_loop(self):
        while True:
            self._rebuild()
            time.sleep(60)

    def _rebuild(self):
        while True:
            with self._lock:
                seen = self._version
                snapshot = dict(self._entries)
            merged = {k: _normalise(v) for k, v in snapshot.items()}
            with self._lock:
                if self._version == seen:
                    self._entries = merged
                    self._version += 1
                    return
