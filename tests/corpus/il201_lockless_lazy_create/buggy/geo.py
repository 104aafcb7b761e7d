"""IL201: `client()` creates the shared GeoClient lazily with no lock at all. Two lookup jobs both
see `_client is None` and both build a client (two connection pools); the one stored first is
replaced, and the lookups it already started go to an orphan."""
import threading
from concurrent.futures import ThreadPoolExecutor

_client = None


class GeoClient:
    def __init__(self):
        self._sessions = threading.BoundedSemaphore(8)

    def locate(self, address):
        with self._sessions:
            return hash(address) % 90, hash(address) % 180


def client():
    global _client
    if _client is None:
        _client = GeoClient()
    return _client


def locate_all(addresses):
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda a: client().locate(a), addresses))
