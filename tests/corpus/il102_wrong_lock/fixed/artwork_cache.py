"""Fixed twin: `clear` takes `_lock` for the entries and `_stats_lock` for the counter."""
import threading


class ArtworkCache:
    def __init__(self, limit=256):
        self._lock = threading.Lock()
        self._stats_lock = threading.Lock()
        self._entries = {}
        self.limit = limit
        self.hits = 0

    def put(self, key, image):
        with self._lock:
            self._entries[key] = image

    def get(self, key):
        with self._lock:
            image = self._entries.get(key)
        if image is not None:
            with self._stats_lock:
                self.hits += 1
        return image

    def clear(self):
        with self._lock:
            self._entries.clear()
        with self._stats_lock:
            self.hits = 0
