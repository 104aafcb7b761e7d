"""Fixed: the cache is read under `_lock`, and the job is waited for after releasing it, so
`_resolve` can take `_lock` to store the point."""
import threading
from concurrent.futures import ThreadPoolExecutor


class Geocoder:
    def __init__(self, backend):
        self._lock = threading.Lock()
        self._backend = backend
        self._workers = ThreadPoolExecutor(max_workers=3)
        self._points: dict = {}

    def _resolve(self, address):
        point = self._backend.lookup(address)
        with self._lock:
            self._points[address] = point
        return point

    def locate(self, address):
        with self._lock:
            point = self._points.get(address)
        if point is not None:
            return point
        job = self._workers.submit(self._resolve, address)
        return job.result()
