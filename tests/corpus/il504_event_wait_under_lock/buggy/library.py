"""IL504 on `LibraryIndex._lock`/`_ready`: `wait_until_loaded` waits for the `_ready` Event
while holding `_lock`, and the loader thread must take `_lock` to publish the index before it
sets the event: the API thread and the loader both block forever."""
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
        with self._lock:
            self._ready.wait()
            return self.count
