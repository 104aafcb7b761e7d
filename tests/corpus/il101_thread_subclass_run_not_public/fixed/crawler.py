import threading


class Crawler(threading.Thread):
    """Only the crawler's own thread runs `run` (through `start()`); callers ask for `stats()`.
    `run` pops its own work list and reads its own counters without the lock: no other
    thread touches the list, and the counters only change in this thread."""

    def __init__(self, urls):
        super().__init__(daemon=True)
        self._guard = threading.Lock()
        self._queue = list(urls)
        self._fetched = 0
        self._failed = 0

    def run(self):
        while self._queue:
            url = self._queue.pop()
            with self._guard:
                if self._fetch(url):
                    self._fetched += 1
                else:
                    self._failed += 1
        if self._failed > self._fetched:
            print("mostly failed")

    def _fetch(self, url):
        return url.startswith("https://")

    def stats(self):
        with self._guard:
            return self._fetched, self._failed


crawler = Crawler(["https://a", "http://b"])
crawler.start()
print(crawler.stats())
