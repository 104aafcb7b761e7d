"""main() wires the inventory to its order book, then starts the buyers: the unlocked
attach() runs before any thread that reads `book` exists."""
import threading


class Inventory:
    def __init__(self):
        self._lock = threading.Lock()
        self._stock = {}
        self.book = None

    def attach(self, book):
        self.book = book

    def reserve(self, sku, qty, order_id):
        with self._lock:
            if self._stock.get(sku, 0) < qty:
                return False
            self._stock[sku] -= qty
            self.book.record(order_id, sku, qty)
            return True


class OrderBook:
    def __init__(self, inventory: Inventory):
        self._lock = threading.Lock()
        self._orders = {}
        self.inventory = inventory

    def record(self, order_id, sku, qty):
        with self._lock:
            self._orders[order_id] = (sku, qty)


def main(orders):
    inv = Inventory()
    book = OrderBook(inv)
    inv.attach(book)
    buyers = [threading.Thread(target=inv.reserve, args=o) for o in orders]
    for t in buyers:
        t.start()
    for t in buyers:
        t.join()
    inv.attach(None)
