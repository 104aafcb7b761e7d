"""Reported: `reset` is the fork reset `_checkpid` calls, but the pool's own `close()` calls it too,
from any thread and without `_lock`: it rebinds `_free` and `_used` while a borrower's `get` or
`put` is changing them under the lock."""
import os
import threading


class Pool:
    def __init__(self, size: int) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._fork_lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        if hasattr(self, "_free"):              # not yet in the constructor
            with self._lock:
                dropped = len(self._free) + len(self._used)
            if dropped:
                print(f"dropping {dropped} connections")
        self._created = 0
        self._free: list[object] = []
        self._used: set[object] = set()
        self.pid = os.getpid()

    def _checkpid(self) -> None:
        if self.pid != os.getpid():
            with self._fork_lock:
                if self.pid != os.getpid():
                    self.reset()

    def get(self) -> object:
        self._checkpid()
        with self._lock:
            conn = self._free.pop() if self._free else self._make()
            self._used.add(conn)
        return conn

    def _make(self) -> object:
        self._created += 1
        return object()

    def put(self, conn: object) -> None:
        self._checkpid()
        with self._lock:
            self._used.discard(conn)
            self._free.append(conn)

    def close(self) -> None:
        self.reset()


class TaggedPool(Pool):
    def __init__(self, size: int, tag: str) -> None:
        self.tag = tag
        super().__init__(size)

    def reset(self) -> None:
        super().reset()
        self.tagged = 0
