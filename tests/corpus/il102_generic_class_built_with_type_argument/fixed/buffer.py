"""An event buffer whose reader thread fills a queue class of the program, built with its type
argument (`PendingQueue[str](...)`): the object is a PendingQueue all the same, and its own lock
guards its list."""
import threading
from typing import Generic, TypeVar

T = TypeVar("T")


class PendingQueue(Generic[T]):
    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._lock = threading.Lock()
        self._items: list = []

    def put(self, item: T) -> None:
        with self._lock:
            if len(self._items) < self._limit:
                self._items.append(item)

    def discard(self, item: T) -> None:
        with self._lock:
            if item in self._items:
                self._items.remove(item)


class Buffer(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self._queue = PendingQueue[str](100)

    def drop(self, name: str) -> None:
        self._queue.discard(name)

    def run(self) -> None:
        for n in range(1000):
            self._queue.put(f"event {n}")
            self._queue.discard(f"event {n - 10}")


def serve(names: list) -> None:
    buffer = Buffer()
    buffer.start()
    for name in names:
        buffer.drop(name)
