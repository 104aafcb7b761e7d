"""Silent: `reset` rebuilds the pool in a forked child. The program calls it from the constructor and
from `_checkpid`, which tests the recorded pid against `os.getpid()` twice around `_fork_lock`; the
reset stores the new pid last, and the subclass's override resets its own field before it ends with
`super().reset()`, so the pid is still the last write. A fork leaves one thread, so the reset runs
where the pool is built anew, as `__init__` does: it is public by name only, no other thread calls
it, and the borrowers' `get` and `put` hold `_lock`."""
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


class TaggedPool(Pool):
    def __init__(self, size: int, tag: str) -> None:
        self.tag = tag
        super().__init__(size)

    def reset(self) -> None:
        self.tagged = 0
        super().reset()
