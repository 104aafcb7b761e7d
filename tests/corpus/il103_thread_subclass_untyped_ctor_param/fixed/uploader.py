"""The quota guards its own counter."""
import os
import threading


class Quota:
    def __init__(self, limit):
        self.limit = limit
        self.used_bytes = 0
        self._lock = threading.Lock()

    def charge(self, size):
        with self._lock:
            self.used_bytes += size


class UploadWorker(threading.Thread):
    def __init__(self, quota, path):
        super().__init__(daemon=True)
        self.quota = quota
        self.path = path

    def run(self):
        size = os.path.getsize(self.path)
        self.quota.charge(size)


def upload_all(paths, limit):
    quota = Quota(limit)
    workers = [UploadWorker(quota, p) for p in paths]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return quota.used_bytes
