import threading


class Crawler(threading.Thread):
    """Only the crawler's own thread runs `run` (through `start()`); callers ask for `stats()`."""

    def __init__(self, urls):
        super().__init__(daemon=True)
        self._guard = threading.Lock()
        self._queue = list(urls)
        self._fetched = 0
        self._failed = 0

    def run(self):
        while self._queue:
            url = self._queue.pop()
            if self._fetch(url):
                self._fetched += 1            # the reader below takes the lock, this write does not
            else:
                with self._guard:
                    self._failed += 1

    def _fetch(self, url):
        return url.startswith("https://")

    def stats(self):
        with self._guard:
            return self._fetched, self._failed


crawler = Crawler(["https://a", "http://b"])
crawler.start()
print(crawler.stats())
