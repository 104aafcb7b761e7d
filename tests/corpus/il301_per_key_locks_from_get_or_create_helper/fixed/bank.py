"""Fixed twin of the IL301 case: was: one lock per account, made on first use by `_lock_for`
(`setdefault`). `transfer(a, b)` locks the source account then the destination in the order its
caller passes them, so `transfer("x", "y")` and `transfer("y", "x")` on two threads each hold one
account's lock and wait for the other's. `Shelves.move` does the same with a helper that looks
the lock up and inserts a new one under a table lock, bound to locals before the `with`s. Fixed
twin: both take the two keys in sorted order (`first, second = sorted((src, dst))`)."""
import threading


class Ledger:
    def __init__(self):
        self._locks = {}
        self._balances = {}

    def _lock_for(self, key):
        return self._locks.setdefault(key, threading.Lock())

    def deposit(self, key, amount):
        with self._lock_for(key):
            self._balances[key] = self._balances.get(key, 0) + amount

    def transfer(self, src, dst, amount):
        if src == dst:
            return
        first, second = sorted((src, dst))
        with self._lock_for(first):
            with self._lock_for(second):
                self._balances[src] = self._balances.get(src, 0) - amount
                self._balances[dst] = self._balances.get(dst, 0) + amount


class Shelves:
    def __init__(self):
        self._table_lock = threading.Lock()
        self._shelf_locks = {}
        self._counts = {}

    def _lock_for(self, shelf):
        with self._table_lock:
            lock = self._shelf_locks.get(shelf)
            if lock is None:
                lock = threading.Lock()
                self._shelf_locks[shelf] = lock
            return lock

    def move(self, src, dst, n):
        if src == dst:
            return
        low, high = sorted((src, dst))
        low_lock = self._lock_for(low)
        high_lock = self._lock_for(high)
        with low_lock:
            with high_lock:
                self._counts[src] = self._counts.get(src, 0) - n
                self._counts[dst] = self._counts.get(dst, 0) + n


def main():
    book = Ledger()
    book.deposit("x", 100)
    book.deposit("y", 100)
    ts = [threading.Thread(target=book.transfer, args=("x", "y", 5)),
          threading.Thread(target=book.transfer, args=("y", "x", 7))]
    store = Shelves()
    ts += [threading.Thread(target=store.move, args=(1, 2, 1)),
           threading.Thread(target=store.move, args=(2, 1, 1))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


if __name__ == "__main__":
    main()
