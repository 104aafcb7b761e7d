"""IL201 on `ArtworkCache._items`: `artwork_for` tests `key in self` (`__contains__`, under the
lock) and then reads `self[key]` (`__getitem__`, under the lock again); the sweeper thread can
evict the entry in between, and the read raises KeyError."""
import threading
import time


class ArtworkCache:
    def __init__(self, ttl=300.0):
        self._lock = threading.RLock()
        self._items = {}
        self._ttl = ttl
        self._sweeper = threading.Thread(target=self._sweep_loop, daemon=True)
        self._sweeper.start()

    def __contains__(self, key):
        with self._lock:
            return key in self._items

    def __getitem__(self, key):
        with self._lock:
            return self._items[key][1]

    def __setitem__(self, key, value):
        with self._lock:
            self._items[key] = (time.monotonic(), value)

    def artwork_for(self, key, default=None):
        if key in self:
            return self[key]
        return default

    def _sweep_loop(self):
        while True:
            time.sleep(self._ttl / 4)
            now = time.monotonic()
            with self._lock:
                for key in [k for k, (t, _) in self._items.items() if now - t > self._ttl]:
                    del self._items[key]
