"""Silent: every change of the balance runs inside `with self._locked(t):`, a `@contextmanager`
that waits at most `t` seconds for the lock (`if not acquire(timeout=t): raise Busy`) and
yields holding it, giving it back in `finally`."""
import threading
from contextlib import contextmanager


class Busy(Exception):
    pass


class Wallet:
    def __init__(self):
        self._mu = threading.Lock()
        self.balance = 0
        self.history = []

    @contextmanager
    def _locked(self, timeout):
        if not self._mu.acquire(timeout=timeout):
            raise Busy(timeout)
        try:
            yield
        finally:
            self._mu.release()

    def deposit(self, amount):
        with self._locked(1.0):
            self.balance += amount
            self.history.append(amount)

    def withdraw(self, amount):
        with self._locked(1.0):
            if self.balance < amount:
                return False
            self.balance -= amount
            self.history.append(-amount)
        return True


def spender(w):
    for _ in range(100):
        w.deposit(5)
        w.withdraw(3)


wallet = Wallet()
for _ in range(4):
    threading.Thread(target=spender, args=(wallet,)).start()
