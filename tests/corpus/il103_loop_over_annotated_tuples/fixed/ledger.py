"""Tellers settle batches of (label, account, amount) on worker threads; a sweeper thread
charges a fee on every account the ledger keeps. Each account guards its balance."""
from __future__ import annotations

import threading
from typing import Optional, Sequence


class Account:
    def __init__(self, name: str) -> None:
        self.name = name
        self.balance = 0
        self._lock = threading.Lock()

    def deposit(self, amount: int) -> None:
        with self._lock:
            self.balance += amount

    def charge(self, fee: int) -> None:
        with self._lock:
            self.balance -= fee

    def refund(self, amount: int) -> int:
        with self._lock:
            self.balance += amount
        return amount


class Ledger:
    def __init__(self) -> None:
        self._accounts: dict[str, tuple[Account, int]] = {}

    def open(self, name: str, fee: int) -> Account:
        acct = Account(name)
        self._accounts[name] = (acct, fee)
        return acct

    def sweep(self) -> None:
        for i, (name, (acct, fee)) in enumerate(sorted(self._accounts.items())):
            acct.charge(fee)


def settle(batch: Optional[list[tuple[str, Account, int]]]) -> None:
    for label, acct, amount in batch or ():
        acct.deposit(amount)


def rebate(accounts: "Sequence[Account]", amount: int) -> int:
    return sum(acct.refund(amount) for acct in accounts)


def settle_all(batches: list[list[tuple[str, Account, int]]]) -> None:
    for batch in batches:
        settle(batch)


def main() -> None:
    ledger = Ledger()
    a = ledger.open("a", 1)
    b = ledger.open("b", 2)
    work = [[("x", a, 5), ("y", b, 7)], [("z", a, 3)]]
    tellers = [threading.Thread(target=settle, args=(batch,)) for batch in work]
    sweeper = threading.Thread(target=ledger.sweep)
    rebates = threading.Thread(target=rebate, args=([a, b], 1))
    for t in (*tellers, sweeper, rebates):
        t.start()
    for t in (*tellers, sweeper, rebates):
        t.join()


if __name__ == "__main__":
    main()
