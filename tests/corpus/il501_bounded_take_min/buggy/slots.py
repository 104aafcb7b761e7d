"""IL501 on `used <= size`: `put` asks for the room in one critical section and fills it in
another; two producers both see room for their slots and together overfill the slots."""
import threading


class Slots:
    def __init__(self, size: int = 64) -> None:
        self.size = size
        self.used = 0
        self._lock = threading.Lock()

    def room(self) -> int:
        with self._lock:
            return self.size - self.used

    def put(self, k: int) -> bool:
        if self.room() < k:
            return False
        with self._lock:
            self.used += k
        return True

    def take(self, n: int) -> int:
        with self._lock:
            n = min(n, self.used)
            self.used -= n
            return n
