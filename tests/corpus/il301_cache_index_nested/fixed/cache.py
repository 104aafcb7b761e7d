"""Fixed: the rebuild thread takes _cache_lock before _index_lock, like put."""
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
        with self._cache_lock:
            with self._index_lock:
                self._index = {k: len(v) for k, v in self._cache.items()}

