"""IL201 on `thumbnails._cache` in `get_cache`: two render workers both see `_cache is None`,
then each builds a `ThumbnailCache` under the lock without testing again; the second replaces
the first, and the first worker's lookups go to an orphaned cache."""
import threading

_cache = None
_cache_lock = threading.Lock()


class ThumbnailCache:
    def __init__(self):
        self._items = {}

    def lookup(self, path):
        return self._items.get(path)


def get_cache():
    global _cache
    if _cache is None:
        with _cache_lock:
            _cache = ThumbnailCache()
    return _cache


def render_worker(paths):
    cache = get_cache()
    return [cache.lookup(p) for p in paths]


def render_all(batches):
    for batch in batches:
        threading.Thread(target=render_worker, args=(batch,)).start()
