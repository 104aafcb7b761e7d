"""An audit trail that shares the lock of the store it records, so that a dump of the trail
is consistent with the store's state."""
from __future__ import annotations

import threading


class AuditTrail:
    def __init__(self, lock: threading.Lock) -> None:
        self._lock = lock
        self.entries: list[tuple[str, int]] = []

    def note(self, sku: str, qty: int) -> None:
        with self._lock:
            self.entries.append((sku, qty))

    def dump(self) -> list[tuple[str, int]]:
        with self._lock:
            return list(self.entries)
