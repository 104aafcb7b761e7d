"""IL304 on `Crawler._lock`, no spec: `fetch` waits for a connection slot (a semaphore) while
holding `_lock`, which `stats` needs: every caller of `stats` waits out the slot wait, and a
slot holder that took `_lock` before releasing would deadlock."""
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
            self._slots.acquire()
        try:
            return self._session.get(url)
        finally:
            self._slots.release()

    def stats(self):
        with self._lock:
            return self.pending
