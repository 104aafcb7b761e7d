"""Download slots: a request checks the limit under the lock, opens the connection outside it,
and takes the slot only afterwards, in another critical section: two requests can both pass
the check and exceed the limit."""
import threading


class DownloadSlots:
    def __init__(self, limit=4):
        self.limit = limit
        self._lock = threading.Lock()
        self.active = 0

    def begin(self, opener, url):
        with self._lock:
            if self.active >= self.limit:
                return None
        conn = opener(url)
        with self._lock:
            self.active += 1
        return conn

    def end(self):
        with self._lock:
            self.active -= 1
