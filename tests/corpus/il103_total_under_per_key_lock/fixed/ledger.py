"""Each account has a lock of its own, which serialises the deposits into one account; the
running total, shared by every account, has a lock of its own too."""
import threading
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor


class Ledger:
    def __init__(self):
        self._locks = defaultdict(threading.Lock)
        self._total_lock = threading.Lock()
        self._balances = {}
        self.total = 0

    def deposit(self, account, amount):
        with self._locks[account]:
            self._balances[account] = self._balances.get(account, 0) + amount
        with self._total_lock:
            self.total += amount

    def balance(self, account):
        with self._locks[account]:
            return self._balances.get(account, 0)


def settle(ledger: Ledger, deposits):
    with ThreadPoolExecutor(max_workers=8) as pool:
        for account, amount in deposits:
            pool.submit(ledger.deposit, account, amount)
    return ledger.total
