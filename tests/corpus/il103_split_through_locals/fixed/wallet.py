"""Silent: `deposit` reads, computes and writes the balance inside one `with self._lock:` block."""
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
            self.balance = current + amount

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
