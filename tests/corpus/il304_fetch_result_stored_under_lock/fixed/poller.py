"""Fixed twin: download first, then take the lock only to store the bytes."""
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
            body = urllib.request.urlopen(self.url).read()
            with self._lock:
                self._latest = body
            time.sleep(5)

    def latest(self):
        with self._lock:
            return self._latest
