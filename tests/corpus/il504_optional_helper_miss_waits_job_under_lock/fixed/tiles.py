"""Fixed: `_guard` only covers the built-in lookup; the download is waited for without it."""
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Optional


_BUILTIN = {"blank": b"\x00" * 64}


def _builtin(path: str) -> Optional[bytes]:
    if not path.startswith("builtin/"):
        return None
    return _BUILTIN[path[len("builtin/"):]]


class TileStore:
    def __init__(self, fetch):
        self._guard = threading.Lock()
        self._fetch = fetch
        self._pool = ThreadPoolExecutor(max_workers=2)
        self._fresh: set = set()

    def _download(self, path: str) -> bytes:
        data = self._fetch(path)
        with self._guard:
            self._fresh.add(path)
        return data

    def tile(self, path: str) -> bytes:
        with self._guard:
            data = _builtin(path)
        if data is None:
            data = self._pool.submit(self._download, path).result()
        return data
