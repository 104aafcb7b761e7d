import threading
import time

from locking import TimedHold


class LedgerHold(TimedHold):
    timeout = 2.0

    def __init__(self, lock, label):
        self._lock = lock
        self.label = label


class Ledger:
    def __init__(self):
        self._lock = threading.Lock()
        self.balance = 0
        self.entries = []

    def post(self, amount):
        with LedgerHold(self._lock, "post"):
            self.balance += amount
            self.entries.append((time.time(), amount))

    def charge_fee(self, fee):
        with LedgerHold(self._lock, "fee"):
            self.balance -= fee
            self.entries.append((time.time(), -fee))

    def run(self, amounts, fee):
        workers = [threading.Thread(target=self.post, args=(a,)) for a in amounts]
        workers.append(threading.Thread(target=self.charge_fee, args=(fee,)))
        for w in workers:
            w.start()
        for w in workers:
            w.join()


if __name__ == "__main__":
    Ledger().run([5, -3, 12], 1)
