"""IL101 on `OriginProbes._origin_locks`: `begin` stores a new lock for the origin every time
its result is still unknown, not only the first time, so a second prober of the origin replaces
the lock the first one holds: it takes the new lock and probes alongside the first, and the
first one's `finish` looks up and releases a lock it never acquired."""
import threading
from typing import Optional


class OriginProbes:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._origin_locks: dict[tuple[str, int], threading.RLock] = {}
        self._results: dict[tuple[str, int], Optional[bool]] = {}

    def begin(self, host: str, port: int) -> Optional[bool]:
        key = (host, port)
        with self._lock:
            try:
                known = self._results[key]
                if known is not None:
                    return known
            except KeyError:
                self._results[key] = None
            self._origin_locks[key] = threading.RLock()
        origin_lock = self._origin_locks[key]
        origin_lock.acquire()
        try:
            known = self._results[key]
        except BaseException:
            origin_lock.release()
            raise
        return known

    def finish(self, host: str, port: int, supported: Optional[bool]) -> None:
        key = (host, port)
        origin_lock = self._origin_locks[key]
        with origin_lock:
            if supported is None and self._results[key] is not None:
                raise ValueError("result already known")
        self._results[key] = supported
        origin_lock.release()

    def _clear(self) -> None:
        """For tests only."""
        with self._lock:
            self._origin_locks = {}
            self._results = {}


PROBES = OriginProbes()

begin = PROBES.begin
finish = PROBES.finish
