"""IL304 on `Poller._lock`: the poll thread downloads the feed while holding the lock, so every
`latest()` caller waits out the HTTP request; the lock only has to cover storing the bytes."""
import threading
import time
import urllib.request


class Poller:
    def __init__(self, url):
        self.url = url
        self._lock = threading.Lock()
        self._latest = None
        threading.Thread(target=self._loop, daemon=True).start()

    def _loop(self):
        while True:
            with self._lock:
                self._latest = urllib.request.urlopen(self.url).read()
            time.sleep(5)

    def latest(self):
        with self._lock:
            return self._latest
