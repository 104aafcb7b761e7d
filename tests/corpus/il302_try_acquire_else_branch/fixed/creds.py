"""Silent: `refresh` tries the lock without blocking; only the arm where `acquire(False)`
succeeded holds it (and releases it in `finally`), so the `else` arm, taken when another thread
holds the lock, may wait with `with self._lock` (the shape of botocore's RefreshableCredentials)."""
import threading
import time


class Credentials:
    def __init__(self):
        self._lock = threading.Lock()
        self.token = None
        self.expires = 0.0
        self.waits = 0

    def _fetch(self):
        self.token = "t"
        self.expires = time.time() + 900

    def refresh(self):
        if self._lock.acquire(False):
            try:
                self._fetch()
            finally:
                self._lock.release()
        else:
            with self._lock:          # another thread is refreshing: wait for it
                self.waits += 1
