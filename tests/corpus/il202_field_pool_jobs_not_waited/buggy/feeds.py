"""A feed aggregator with a long-lived pool: `refresh` hands each feed to the pool and returns
the merged entries straight away, walking `entries` while the fetch jobs still add to it."""
import json
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor


class FeedAggregator:
    def __init__(self, feeds):
        self.feeds = list(feeds)
        self.entries = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=4)

    def _fetch(self, url):
        with urllib.request.urlopen(url, timeout=10) as resp:
            items = json.load(resp)["items"]
        with self._lock:
            self.entries[url] = items

    def refresh(self):
        for url in self.feeds:
            self._pool.submit(self._fetch, url)
        return [item for items in self.entries.values() for item in items]
