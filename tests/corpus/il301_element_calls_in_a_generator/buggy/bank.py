"""Accounts and the ledger that audits them: a transfer locks the account, then records in the
ledger; the auditor locks the ledger, then reads each account's balance."""
import threading


class Ledger:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[tuple[str, int]] = []
        self._accounts: list["Account"] = []

    def register(self, account: "Account") -> None:
        with self._lock:
            self._accounts.append(account)

    def record(self, name: str, amount: int) -> None:
        with self._lock:
            self._entries.append((name, amount))

    def audit(self) -> int:
        with self._lock:
            return sum(a.current() for a in self._accounts)      # ledger lock, then each account's


class Account:
    def __init__(self, name: str, ledger: Ledger) -> None:
        self.name = name
        self.ledger = ledger
        self._lock = threading.Lock()
        self._balance = 0
        ledger.register(self)

    def current(self) -> int:
        with self._lock:
            return self._balance

    def deposit(self, amount: int) -> None:
        with self._lock:
            self._balance += amount
            self._log(amount)                                     # account lock, then the ledger's

    def _log(self, amount: int) -> None:
        self.ledger.record(self.name, amount)


def main() -> None:
    ledger = Ledger()
    acct = Account("alice", ledger)
    threading.Thread(target=lambda: [acct.deposit(1) for _ in range(1000)]).start()
    threading.Thread(target=lambda: [ledger.audit() for _ in range(1000)]).start()
