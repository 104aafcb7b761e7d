"""IL304 on `CoverArtCache._lock`: `cover` is the only code that takes the lock, but it only
downloads on a miss (through `_download`). Worker threads asking for covers that are already
cached wait behind one thread's slow HTTP download, so a hit costs as much as a miss."""
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
            if album_id not in self._covers:
                self._covers[album_id] = self._download(album_id)
            return self._covers[album_id]


def prefetch(cache, album_ids):
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(cache.cover, album_ids))
