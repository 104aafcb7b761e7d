"""Fixed twin: wait for the event first, then read the count under the lock."""
import threading


class LibraryIndex:
    def __init__(self, loader):
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._loader = loader
        self.tracks = {}
        self.count = 0

    def _load(self) -> None:
        rows = self._loader.fetch_all()
        with self._lock:
            self.tracks = dict(rows)
            self.count = len(rows)
        self._ready.set()

    def wait_until_loaded(self) -> int:
        self._ready.wait()
        with self._lock:
            return self.count
