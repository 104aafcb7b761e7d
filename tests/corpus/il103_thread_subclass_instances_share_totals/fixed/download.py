"""One thread object per download: each keeps its own progress and adds to the shared totals."""
import threading
import urllib.request

from totals import TOTALS


class Download(threading.Thread):
    def __init__(self, url, path):
        super().__init__(daemon=True)
        self.url = url
        self.path = path
        self.received = 0
        self.chunks = 0

    def run(self):
        with urllib.request.urlopen(self.url) as resp, open(self.path, "wb") as out:
            while True:
                chunk = resp.read(65536)
                if not chunk:
                    break
                out.write(chunk)
                self.received += len(chunk)
                self.chunks += 1
        TOTALS.record(self.received)


def download_all(jobs):
    threads = [Download(url, path) for url, path in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(t.received for t in threads)
