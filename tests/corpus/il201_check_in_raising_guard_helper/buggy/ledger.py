"""Payouts from a shared float: a guard helper checks the balance, the bank is called, then the float is debited."""
import threading
import time


class InsufficientFloat(Exception):
    pass


class Bank:
    def transfer(self, account: str, amount: int) -> str:
        time.sleep(0.01)  # pretend: wire transfer
        return f"tx-{account}-{amount}"


class PayoutFloat:
    def __init__(self, balance: int, bank: Bank):
        self._lock = threading.Lock()
        self._balance = balance
        self._bank = bank

    def _require(self, amount: int) -> None:
        with self._lock:
            if self._balance < amount:
                raise InsufficientFloat(f"{amount} > {self._balance}")

    def pay(self, account: str, amount: int) -> str:
        self._require(amount)
        tx = self._bank.transfer(account, amount)
        with self._lock:
            self._balance -= amount
        return tx


def main():
    float_ = PayoutFloat(100, Bank())
    workers = [threading.Thread(target=float_.pay, args=(f"acct{i}", 60)) for i in range(3)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


if __name__ == "__main__":
    main()
