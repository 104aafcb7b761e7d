"""Stock levels, reserved by order workers."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from audit import AuditTrail


class Inventory:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stock: dict[str, int] = {}
        self.audit = AuditTrail(self._lock)

    def restock(self, sku: str, qty: int) -> None:
        with self._lock:
            self._stock[sku] = self._stock.get(sku, 0) + qty

    def reserve(self, sku: str, qty: int) -> bool:
        with self._lock:
            have = self._stock.get(sku, 0)
            if have < qty:
                return False
            self._stock[sku] = have - qty
            self.audit.note(sku, -qty)
            return True


def serve(orders: list[tuple[str, int]]) -> None:
    inv = Inventory()
    inv.restock("mug", 10)
    with ThreadPoolExecutor(max_workers=4) as pool:
        for sku, qty in orders:
            pool.submit(inv.reserve, sku, qty)
    print(inv.audit.dump())
