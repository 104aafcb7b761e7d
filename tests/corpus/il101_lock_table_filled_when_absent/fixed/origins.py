"""No finding: `OriginProbes` keeps a lock per origin, made the first time an origin is seen:
`begin` looks the origin up under `_lock` and only when the lookup fails (`except KeyError`)
stores a new lock and a None result, both in the same critical section. A lock once stored is
never replaced, so the lookup of an origin's lock after `_lock` is let go (a single dict
read) always finds the one every caller of that origin takes; a fill of another origin meanwhile
is one dict store that leaves this origin's entry alone."""
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
                self._origin_locks[key] = threading.RLock()
                self._results[key] = None
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
