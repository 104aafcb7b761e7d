"""Each fetcher runs its own thread; all of them count into one module-wide stats object,
which takes its lock for every count."""
import threading
import urllib.request


class FetchStats:
    def __init__(self):
        self.fetched = 0
        self.failed = 0
        self._lock = threading.Lock()

    def record(self, ok):
        with self._lock:
            if ok:
                self.fetched += 1
            else:
                self.failed += 1


STATS = FetchStats()


class Progress:
    def __init__(self):
        self.done = 0

    def advance(self):
        self.done += 1


class Fetcher:
    def __init__(self, urls):
        self.urls = list(urls)
        self.stats = STATS
        self.progress = Progress()
        self.bytes = 0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()

    def join(self):
        self._thread.join()

    def _run(self):
        for url in self.urls:
            try:
                with urllib.request.urlopen(url) as resp:
                    self.bytes += len(resp.read())
                ok = True
            except OSError:
                ok = False
            self.stats.record(ok)
            self.progress.advance()


def fetch_all(batches):
    fetchers = [Fetcher(batch) for batch in batches]
    for f in fetchers:
        f.start()
    for f in fetchers:
        f.join()
    return STATS.fetched, STATS.failed
