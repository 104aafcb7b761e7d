"""Render slots handed out to worker threads."""
import threading
from concurrent.futures import ThreadPoolExecutor


class SlotPool:
    def __init__(self, count: int) -> None:
        self._lock = threading.Lock()
        self._idle = list(range(count))

    def has_idle(self) -> bool:
        with self._lock:
            return bool(self._idle)

    def take(self) -> int | None:
        if self.has_idle():                  # checked in one critical section ...
            with self._lock:
                return self._idle.pop()      # ... acted on in another: may pop an empty list
        return None

    def give_back(self, slot: int) -> None:
        with self._lock:
            self._idle.append(slot)


def render(pool: SlotPool, frame: int) -> None:
    slot = pool.take()
    if slot is not None:
        pool.give_back(slot)


def render_all(frames: list[int]) -> None:
    pool = SlotPool(2)
    with ThreadPoolExecutor(max_workers=4) as ex:
        for frame in frames:
            ex.submit(render, pool, frame)
