"""IL501 on `RateLimiter._rate`/`cap`: the spec names the property `RateLimiter.rate` as the API's
call; the API assigns it (`limiter.rate = n`), so the context runs the property's setter too, not
only its getter. The setter reads the cap before it takes the lock: an overload handler lowering
the cap in between leaves the rate above it."""
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
        cap = self.cap
        with self._lock:
            self._rate = min(per_second, cap)

    def shed_load(self, cap: int) -> None:
        with self._lock:
            self.cap = cap
            if self._rate > cap:
                self._rate = cap
