import threading

from gate import SharedExclusive


class PriceCatalog:
    def __init__(self):
        self._gate = SharedExclusive()
        self._prices = {}

    def quote(self, sku):
        with self._gate.shared():
            return self._prices.get(sku)

    def reprice(self, sku, amount):
        # shared mode admits other holders: two repricings and a quote overlap
        with self._gate.shared():
            self._prices[sku] = amount


def run(skus):
    catalog = PriceCatalog()
    buyers = [threading.Thread(target=catalog.quote, args=(s,)) for s in skus]
    clerks = [threading.Thread(target=catalog.reprice, args=(s, 1)) for s in skus]
    for t in buyers + clerks:
        t.start()
