"""Silent: the download runs outside the lock; only the dictionary lookups and the store are
serialised, so a cached cover never waits for another thread's download (two threads may fetch
the same missing cover once each; the second store writes an equal value)."""
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor


class CoverArtCache:
    def __init__(self, base_url):
        self._base_url = base_url
        self._lock = threading.Lock()
        self._covers = {}

    def _download(self, album_id):
        with urllib.request.urlopen(f"{self._base_url}/{album_id}.jpg", timeout=5) as resp:
            return resp.read()

    def cover(self, album_id):
        with self._lock:
            data = self._covers.get(album_id)
        if data is None:
            data = self._download(album_id)
            with self._lock:
                data = self._covers.setdefault(album_id, data)
        return data


def prefetch(cache, album_ids):
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(cache.cover, album_ids))
