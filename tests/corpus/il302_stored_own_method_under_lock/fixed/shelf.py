"""No IL302: the stored own method (plain, or through `functools.partial`) is called after the
lock is released."""
import functools
import threading


class Shelf:
    def __init__(self):
        self._lock = threading.Lock()
        self._items = {}
        self._after_change = self._rebalance

    def _rebalance(self):
        with self._lock:
            return sorted(self._items)

    def put(self, sku, qty):
        with self._lock:
            self._items[sku] = qty
        self._after_change()


class Ledger:
    def __init__(self):
        self._lock = threading.Lock()
        self._rows = []
        self._audit = functools.partial(self._check, strict=True)

    def _check(self, strict=False):
        with self._lock:
            return len(self._rows) if strict else 0

    def record(self, row):
        with self._lock:
            self._rows.append(row)
        self._audit()


shelf, ledger = Shelf(), Ledger()
for n in range(3):
    threading.Thread(target=shelf.put, args=(f"s{n}", n)).start()
    threading.Thread(target=ledger.record, args=(n,)).start()
