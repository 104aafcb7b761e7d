"""IL103 on `Counter._value`: `bump` tests that the value is still the one it read *before* it
takes the lock to store, so another thread can store in between and that update is lost (the
test must sit inside the storing critical section)."""
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
            if self._value == cur:
                with self._lock:
                    self._value = new
                return
