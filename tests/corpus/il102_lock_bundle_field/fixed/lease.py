"""A lease keeps its two locks in one frozen bundle (`self._locks = Locks(...)`) and enters one of
them with `with self._locks.internal:`. That is a lock like `with self._lock:`: the hold and the
last loss it guards are never touched without it."""
import threading
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class Locks:
    internal: threading.Lock
    transaction: threading.Lock


class Losses:
    latest: str | None = None


class Lease:
    def __init__(self) -> None:
        self._locks = Locks(internal=threading.Lock(), transaction=threading.Lock())
        self._losses = Losses()
        self._hold: int | None = None

    @property
    def compromise(self) -> str | None:
        with self._locks.internal:
            return self._losses.latest

    def start(self, generation: int) -> None:
        with self._locks.internal:
            self._hold = generation
            self._losses.latest = None

    def report(self, why: str) -> None:
        with self._locks.internal:
            self._losses.latest = why

    def generation(self) -> int | None:
        with self._locks.internal:
            return self._hold


def heartbeat(lease: Lease) -> None:
    lease.report("refresh failed")


def holder(lease: Lease, generation: int) -> None:
    lease.start(generation)
    print(lease.compromise, lease.generation())


def main() -> None:
    lease = Lease()
    threading.Thread(target=heartbeat, args=(lease,)).start()
    for generation in range(3):
        threading.Thread(target=holder, args=(lease, generation)).start()
