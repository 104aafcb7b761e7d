"""IL501 on `SlotPool.idle + SlotPool.busy == SlotPool.size`: `lease` takes slots from `idle` in
one critical section and adds them to `busy` in a second one. Between the two the lock is free
and the pool has lost `k` slots: the `audit` thread, which checks the accounting under the same
lock, sees the sum short. The window is the thread's own (it repairs the sum before it ends), so
it is no argument precondition of `lease`."""
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
        with self._lock:
            self.busy += k
        return True

    def balanced(self) -> bool:
        with self._lock:
            return self.idle + self.busy == self.size
