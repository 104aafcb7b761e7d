"""IL301 on `Inventory._lock` and `OrderBook._lock`: `OrderBook` wires itself into its inventory
(`inventory.orders = self`); `restock` holds the inventory lock while it calls
`orders.retry_backorders` (order lock), and `place` holds the order lock while it calls
`inventory.reserve` (inventory lock): opposite orders."""
import threading


class Inventory:
    def __init__(self):
        self._lock = threading.Lock()
        self.stock = {}
        self.orders = None  # set by wire()

    def reserve(self, sku, qty):
        with self._lock:
            have = self.stock.get(sku, 0)
            if have < qty:
                return False
            self.stock[sku] = have - qty
            return True

    def restock(self, sku, qty):
        with self._lock:
            self.stock[sku] = self.stock.get(sku, 0) + qty
            self.orders.retry_backorders(sku)
