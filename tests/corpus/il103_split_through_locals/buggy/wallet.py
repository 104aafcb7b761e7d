"""IL103 on `Wallet.balance`: `deposit` reads the balance under the lock, computes the new one in
two locals outside it, and writes it back under the lock again; a concurrent deposit or withdraw
in between is overwritten."""
import threading


class Wallet:
    def __init__(self, balance=0):
        self._lock = threading.Lock()
        self.balance = balance

    def _read_balance(self):
        with self._lock:
            return self.balance

    def deposit(self, amount):
        with self._lock:
            current = self.balance
        new_balance = current + amount
        with self._lock:
            self.balance = new_balance

    def withdraw(self, amount):
        with self._lock:
            if self.balance < amount:
                raise ValueError("insufficient funds")
            self.balance -= amount


class PaymentWorker(threading.Thread):
    def __init__(self, wallet, jobs):
        super().__init__(daemon=True)
        self.wallet = wallet
        self.jobs = jobs

    def run(self):
        while True:
            kind, amount = self.jobs.get()
            if kind == "in":
                self.wallet.deposit(amount)
            else:
                self.wallet.withdraw(amount)
