"""IL201 on `TokenBucket.tokens`: the bucket's lock is entered through `Held`, a wrapper object the
bucket builds around its own lock. `take` tests the tokens in one `with self._held:` (through
`available()`) and spends them in another: a refill thread and other takers run in between.
Fixed twin: the test and the spend share one region. Both twins use the wrapper everywhere, so
nothing else races."""
import threading
import time

from held import Held


class TokenBucket:
    def __init__(self, rate, burst):
        self._lock = threading.Lock()
        self._held = Held(self._lock, "bucket")
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        threading.Thread(target=self._refill, daemon=True).start()

    def available(self):
        with self._held:
            return self.tokens

    def take(self, n=1):
        with self._held:
            if self.tokens < n:
                return False
            self.tokens -= n
        return True

    def _refill(self):
        while True:
            time.sleep(1.0)
            with self._held:
                self.tokens = min(self.burst, self.tokens + self.rate)
