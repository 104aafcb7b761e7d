"""Silent: `bump` is an optimistic update: it reads the value, computes outside the lock, and
stores only if the value is still the one it read, tested inside the storing critical section
(compare-and-set); otherwise it retries. No stale value is ever stored."""
import threading


class Counter:
    def __init__(self):
        self._lock = threading.Lock()
        self._value = 0
        self._threads = [threading.Thread(target=self.bump) for _ in range(2)]

    def start(self):
        for t in self._threads:
            t.start()

    def bump(self):
        while True:
            with self._lock:
                cur = self._value
            new = cur + 1
            with self._lock:
                if self._value == cur:
                    self._value = new
                    return
