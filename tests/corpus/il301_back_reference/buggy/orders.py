import threading

from inventory import Inventory


class OrderBook:
    def __init__(self, inventory: Inventory):
        self._lock = threading.Lock()
        self.inventory = inventory
        self.backorders = {}
        self.confirmed = []
        inventory.orders = self

    def place(self, order_id, sku, qty):
        with self._lock:
            if self.inventory.reserve(sku, qty):
                self.confirmed.append(order_id)
            else:
                self.backorders[order_id] = (sku, qty)

    def retry_backorders(self, sku):
        with self._lock:
            for oid, (s, q) in list(self.backorders.items()):
                if s == sku:
                    del self.backorders[oid]


class Shop:
    def __init__(self):
        self.inventory = Inventory()
        self.orders = OrderBook(self.inventory)
        self._supplier = threading.Thread(target=self._supplier_loop, daemon=True)
        self._supplier.start()

    def _supplier_loop(self):
        import time
        while True:
            time.sleep(30)
            self.inventory.restock("widget", 10)

    def checkout(self, order_id, sku, qty):
        self.orders.place(order_id, sku, qty)
