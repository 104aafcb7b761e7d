"""Fixed twin: the slot is taken outside the lock (the ordinary `with semaphore:` throttle)."""
import threading


class Crawler:
    def __init__(self, session):
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(4)
        self._session = session
        self.pending = 0

    def fetch(self, url):
        with self._lock:
            self.pending += 1
        with self._slots:
            return self._session.get(url)

    def stats(self):
        with self._lock:
            return self.pending
