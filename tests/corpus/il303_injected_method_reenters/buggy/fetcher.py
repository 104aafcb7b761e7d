"""IL303: each finished feed is announced through the constructor-injected `on_ready` while
`FeedFetcher._lock` is held. The only listener in scope (Dashboard.refresh) asks the fetcher
for `ready_count()`, which takes `_lock` again: the fetch worker hangs on its own lock."""
import threading
from concurrent.futures import ThreadPoolExecutor


class FeedFetcher:
    def __init__(self, on_ready):
        self._lock = threading.Lock()
        self._ready = []
        self._on_ready = on_ready
        self._workers = ThreadPoolExecutor(max_workers=4)

    def fetch(self, url):
        self._workers.submit(self._finish, url)

    def ready_count(self):
        with self._lock:
            return len(self._ready)

    def _finish(self, url):
        with self._lock:
            self._ready.append(url)
            self._on_ready(url)
