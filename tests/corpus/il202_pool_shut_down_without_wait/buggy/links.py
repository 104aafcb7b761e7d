"""A link checker: `check` probes every URL on a pool it makes for the run, then shuts the pool
down with `wait=False` and reports the broken links at once, while the probes still record
theirs in `broken`."""
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor


class LinkChecker:
    def __init__(self, urls, workers=8):
        self.urls = list(urls)
        self.workers = workers
        self.broken = {}
        self._lock = threading.Lock()

    def _probe(self, url):
        try:
            urllib.request.urlopen(url, timeout=10).close()
        except OSError as exc:
            with self._lock:
                self.broken[url] = str(exc)

    def check(self):
        pool = ThreadPoolExecutor(max_workers=self.workers)
        for url in self.urls:
            pool.submit(self._probe, url)
        pool.shutdown(wait=False)
        return [f"{url}: {why}" for url, why in self.broken.items()]
