"""IL103 on `Ledger.total`: each account's lock comes from a helper that returns it straight
from a dict of locks (`setdefault`); it serialises the deposits into one account, but the
running total is shared by every account: two deposits into different accounts hold different
locks, both read the same total and one addition is lost."""
import threading
from concurrent.futures import ThreadPoolExecutor


class Ledger:
    def __init__(self):
        self._account_locks = {}
        self._balances = {}
        self.total = 0

    def _lock(self, account):
        return self._account_locks.setdefault(account, threading.Lock())

    def deposit(self, account, amount):
        with self._lock(account):
            self._balances[account] = self._balances.get(account, 0) + amount
            self.total += amount

    def balance(self, account):
        with self._lock(account):
            return self._balances.get(account, 0)


def settle(ledger: Ledger, deposits):
    with ThreadPoolExecutor(max_workers=8) as pool:
        for account, amount in deposits:
            pool.submit(ledger.deposit, account, amount)
    return ledger.total
