"""Order numbers come from a counter on the class; orders are built by pool workers."""
from concurrent.futures import ThreadPoolExecutor


class Order:
    _issued = 0

    def __init__(self, item):
        type(self)._issued += 1          # every worker's Order() bumps the one class counter
        self.number = Order._issued
        self.item = item


def take(item):
    return Order(item).number


def take_all(items):
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(take, items))
