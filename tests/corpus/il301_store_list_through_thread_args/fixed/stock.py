import threading


class Store:
    def __init__(self, name):
        self._lock = threading.Lock()
        self.name = name
        self.shelf = {}

    def restock(self, item, warehouse):
        with self._lock:
            if warehouse.reserve(item):
                self.shelf[item] = self.shelf.get(item, 0) + 1

    def stock_level(self):
        with self._lock:
            return sum(self.shelf.values())


class Warehouse:
    def __init__(self):
        self._lock = threading.Lock()
        self.available = {}
        self.reports = []

    def reserve(self, item):
        with self._lock:
            left = self.available.get(item, 0)
            if left <= 0:
                return False
            self.available[item] = left - 1
            return True

    def audit(self, stores):
        levels = {s.name: s.stock_level() for s in stores}     # no warehouse lock while asking stores
        with self._lock:
            self.reports.append(levels)
        return levels
