import threading


class SlotPool:
    def __init__(self, size: int) -> None:
        self._lock = threading.Lock()
        self.size = size
        self.idle = size
        self.busy = 0

    def lease(self, k: int) -> bool:
        if k <= 0:
            raise ValueError("lease at least one slot")
        with self._lock:
            if k > self.idle:
                return False
            self.idle -= k
            self.busy += k
        return True

    def balanced(self) -> bool:
        with self._lock:
            return self.idle + self.busy == self.size
