"""IL301: put (public, many callers) takes _cache_lock then _index_lock; the rebuild thread takes
_index_lock then _cache_lock: the two orders deadlock."""
import threading


class ArtworkCache:
    def __init__(self):
        self._cache_lock = threading.Lock()
        self._index_lock = threading.Lock()
        self._cache = {}
        self._index = {}
        self._worker = threading.Thread(target=self._rebuild_index, daemon=True)
        self._worker.start()

    def put(self, key, image):
        with self._cache_lock:
            self._cache[key] = image
            with self._index_lock:
                self._index[key] = len(image)

    def _rebuild_index(self):
        with self._index_lock:
            with self._cache_lock:
                self._index = {k: len(v) for k, v in self._cache.items()}

