"""IL101/IL202 on `PriceBook._prices`: the refresh thread clears the live dict and fills it again
in place while request threads look prices up and list them."""
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
            self._prices.clear()
            for sku, price in rows:
                self._prices[sku] = price
            time.sleep(60)

    def price(self, sku):
        return self._prices.get(sku)

    def listing(self):
        prices = self._prices
        return sorted((sku, p) for sku, p in prices.items() if p > 0)
