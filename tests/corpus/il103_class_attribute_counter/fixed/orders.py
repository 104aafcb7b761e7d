"""Order numbers come from a counter on the class, bumped under a class-level lock."""
import threading
from concurrent.futures import ThreadPoolExecutor


class Order:
    _issued = 0
    _issue_lock = threading.Lock()

    def __init__(self, item):
        with Order._issue_lock:
            type(self)._issued += 1
            self.number = Order._issued
        self.item = item


def take(item):
    return Order(item).number


def take_all(items):
    with ThreadPoolExecutor(8) as pool:
        return list(pool.map(take, items))
