"""Fixed twin: `put` checks the room and fills it in one critical section. `take(n)` clamps n
with min(n, self.used); a negative n would grow `used`, but that is the caller's contract, not
an interleaving."""
import threading


class Slots:
    def __init__(self, size: int = 64) -> None:
        self.size = size
        self.used = 0
        self._lock = threading.Lock()

    def put(self, k: int) -> bool:
        with self._lock:
            if self.size - self.used < k:
                return False
            self.used += k
        return True

    def take(self, n: int) -> int:
        with self._lock:
            n = min(n, self.used)
            self.used -= n
            return n
