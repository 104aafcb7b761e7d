"""Fixed: the check and the creation are one critical section."""
import threading
from concurrent.futures import ThreadPoolExecutor

_client = None
_client_lock = threading.Lock()


class GeoClient:
    def __init__(self):
        self._sessions = threading.BoundedSemaphore(8)

    def locate(self, address):
        with self._sessions:
            return hash(address) % 90, hash(address) % 180


def client():
    global _client
    with _client_lock:
        if _client is None:
            _client = GeoClient()
        return _client


def locate_all(addresses):
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda a: client().locate(a), addresses))
