"""Fixed twin: `reindex` takes the old handle under the lock and joins it after releasing it."""
import threading


class Indexer:
    def __init__(self):
        self._lock = threading.Lock()
        self._passes = 0
        self._thread = threading.Thread(target=self._scan, daemon=True)
        self._thread.start()

    def _scan(self):
        sum(range(10_000))

    def progress(self):
        with self._lock:
            return {"passes": self._passes, "running": self._thread.is_alive()}

    def reindex(self):
        with self._lock:
            old = self._thread
        old.join()
        with self._lock:
            if self._thread is not old:
                return
            self._passes += 1
            self._thread = threading.Thread(target=self._scan, daemon=True)
            self._thread.start()
