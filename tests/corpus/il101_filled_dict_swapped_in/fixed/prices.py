"""Fixed twin: the refresh thread fills a new dict of its own and stores it with one rebinding;
nothing changes a stored dict afterwards. `price` reads the field once, `listing` once into a
local it then walks: each sees one whole table, old or new (copy-on-write)."""
import threading
import time


class PriceBook:
    def __init__(self, feed):
        self._feed = feed
        self._prices = {}
        threading.Thread(target=self._refresh_loop, daemon=True).start()

    def _refresh_loop(self):
        while True:
            rows = self._feed.fetch()
            prices = {}
            for sku, price in rows:
                prices[sku] = price
            self._prices = prices
            time.sleep(60)

    def price(self, sku):
        return self._prices.get(sku)

    def listing(self):
        prices = self._prices
        return sorted((sku, p) for sku, p in prices.items() if p > 0)
