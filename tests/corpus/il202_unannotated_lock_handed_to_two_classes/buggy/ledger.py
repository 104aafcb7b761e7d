"""IL202/IL102: `Ledger` and `Auditor` keep the lock their constructor is handed (`lock`, not
annotated). `main` hands each a lock of its own, so the auditor walks `ledger.entries` and reads
`balance` under a lock the posting threads never take."""
import threading


class Ledger:
    def __init__(self, lock):
        self._lock = lock
        self.entries = []
        self.balance = 0

    def post(self, amount, memo):
        with self._lock:
            self.entries.append((amount, memo))
            self.balance += amount


class Auditor:
    def __init__(self, ledger, lock):
        self.ledger = ledger
        self._lock = lock
        self.mismatches = 0

    def audit(self):
        with self._lock:
            total = sum(a for a, _ in self.ledger.entries)
            if total != self.ledger.balance:
                self.mismatches += 1


def main(postings):
    ledger = Ledger(threading.Lock())
    auditor = Auditor(ledger, threading.Lock())
    posters = [threading.Thread(target=ledger.post, args=p) for p in postings]
    checker = threading.Thread(target=auditor.audit)
    for t in posters + [checker]:
        t.start()
    for t in posters + [checker]:
        t.join()
