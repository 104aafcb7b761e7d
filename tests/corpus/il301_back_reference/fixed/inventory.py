"""Silent: `restock` releases the inventory lock before it calls back into the order book
(`inventory.orders`, wired by `OrderBook`), so the two locks are never held in opposite orders."""
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
