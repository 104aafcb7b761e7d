"""Fixed twin: the setter reads the cap under the lock it writes the rate under."""
import threading


class RateLimiter:
    def __init__(self):
        self._lock = threading.Lock()
        self._rate = 0
        self.cap = 100

    @property
    def rate(self) -> int:
        with self._lock:
            return self._rate

    @rate.setter
    def rate(self, per_second: int) -> None:
        with self._lock:
            self._rate = min(per_second, self.cap)

    def shed_load(self, cap: int) -> None:
        with self._lock:
            self.cap = cap
            if self._rate > cap:
                self._rate = cap
