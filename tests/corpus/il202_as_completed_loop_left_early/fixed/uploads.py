"""An upload batch: `run` watches every upload to its end with `as_completed`, noting the first
failure without leaving the loop, and only then walks `receipts`."""
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed

import requests


class UploadBatch:
    def __init__(self, endpoint, files):
        self.endpoint = endpoint
        self.files = list(files)
        self.receipts = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=4)

    def _upload(self, path):
        with open(path, "rb") as fh:
            resp = requests.post(self.endpoint, data=fh, timeout=30)
        resp.raise_for_status()
        with self._lock:
            self.receipts[path] = resp.json()["id"]

    def run(self):
        futures = [self._pool.submit(self._upload, p) for p in self.files]
        failed = None
        for f in as_completed(futures):
            if f.exception() is not None and failed is None:
                failed = f.exception()
        summary = {path: rid for path, rid in self.receipts.items()}
        return summary, failed
