"""Download slots: a request reserves a slot under the lock in the same critical section as the
limit check, opens the connection outside it, and gives the slot back if that fails. The give-
back is a relative update: it needs nothing the check saw."""
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
            self.active += 1
        try:
            return opener(url)
        except OSError:
            with self._lock:
                self.active -= 1
            raise

    def end(self):
        with self._lock:
            self.active -= 1
