"""IL504: `Geocoder.locate` looks the address up with `self._points.get(address)` while it holds
`_lock`; on a miss (`get` answers None) it submits `_resolve` and waits on `job.result()` still
holding `_lock`, and `_resolve` takes `_lock` to store the point: every miss deadlocks."""
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
