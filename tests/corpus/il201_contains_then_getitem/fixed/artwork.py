"""Silent: `artwork_for` tests `key in self` and reads `self[key]` inside one critical section
of the cache's reentrant lock (which `__contains__` and `__getitem__` take again), so the sweeper
cannot evict the entry between the test and the read."""
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
        with self._lock:
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
