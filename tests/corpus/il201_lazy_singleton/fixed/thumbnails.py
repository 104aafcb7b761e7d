"""Silent: `get_cache` builds the module's one `ThumbnailCache` with double-checked locking.
The unlocked test of `_cache` only skips the lock; the test is repeated under `_cache_lock`
before the build, and `_cache` is never written anywhere else, so the trailing read sees the
built cache."""
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
            if _cache is None:
                _cache = ThumbnailCache()
    return _cache


def render_worker(paths):
    cache = get_cache()
    return [cache.lookup(p) for p in paths]


def render_all(batches):
    for batch in batches:
        threading.Thread(target=render_worker, args=(batch,)).start()
