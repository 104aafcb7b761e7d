"""IL103 on `Quota.used_bytes`: each `UploadWorker` thread is built with the one shared quota
(`UploadWorker(quota, path)`, an unannotated constructor parameter kept in `self.quota`), and
`run` does `self.quota.used_bytes += size` on every worker thread."""
import os
import threading


class Quota:
    def __init__(self, limit):
        self.limit = limit
        self.used_bytes = 0


class UploadWorker(threading.Thread):
    def __init__(self, quota, path):
        super().__init__(daemon=True)
        self.quota = quota
        self.path = path

    def run(self):
        size = os.path.getsize(self.path)
        self.quota.used_bytes += size


def upload_all(paths, limit):
    quota = Quota(limit)
    workers = [UploadWorker(quota, p) for p in paths]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return quota.used_bytes
