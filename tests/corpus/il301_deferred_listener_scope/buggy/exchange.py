"""IL301 between `Exchange._lock` and `RiskMonitor._lock`: the matching thread holds the exchange
lock while the book runs `RiskMonitor._on_fill`, which takes the monitor's lock; the monitor's
report thread holds its own lock and asks the exchange for the open exposure."""
import threading
import time

from book import OrderBook


class Exchange:
    def __init__(self):
        self._lock = threading.Lock()
        self._book = OrderBook()
        self._submitted = 0

    def submit(self, order):
        with self._lock:
            self._submitted += 1
            self._book.place(order)

    def exposure(self):
        with self._lock:
            return self._submitted


class RiskMonitor:
    def __init__(self, exchange: Exchange, book: OrderBook):
        self._lock = threading.Lock()
        self._exchange = exchange
        self._fills = []
        book.add_listener(self._on_fill)

    def _on_fill(self, fill):
        with self._lock:
            self._fills.append(fill)

    def report(self):
        with self._lock:
            return len(self._fills), self._exchange.exposure()

    def run(self):
        while True:
            time.sleep(1.0)
            self.report()


def match(exchange):
    n = 0
    while True:
        time.sleep(0.01)
        n += 1
        exchange.submit(n)


def main():
    exchange = Exchange()
    monitor = RiskMonitor(exchange, exchange._book)
    threading.Thread(target=monitor.run, daemon=True).start()
    threading.Thread(target=match, args=(exchange,), daemon=True).start()
