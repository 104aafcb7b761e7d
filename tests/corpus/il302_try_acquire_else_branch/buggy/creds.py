"""IL302 on `Credentials._lock`: in the arm where `acquire(False)` succeeded, `refresh` takes the
same non-reentrant lock again (`with self._lock`) and blocks forever."""
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
                with self._lock:
                    self._fetch()
            finally:
                self._lock.release()
        else:
            with self._lock:          # another thread is refreshing: wait for it
                self.waits += 1
