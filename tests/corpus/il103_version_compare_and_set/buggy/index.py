"""IL103 on `SearchIndex._entries`: `_rebuild` snapshots the entries under the lock, normalises
them outside it and stores the result under the lock again; it bumps the version but never tests
it, so an `add` that lands in between is overwritten by the stale rebuild."""
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
        with self._lock:
            snapshot = dict(self._entries)
        merged = {k: _normalise(v) for k, v in snapshot.items()}
        with self._lock:
            self._entries = merged
            self._version += 1
