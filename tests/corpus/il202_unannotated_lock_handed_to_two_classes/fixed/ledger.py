"""Fixed twin: `main` hands one lock object to both constructors; the two fields are one lock
and the audit runs under the lock the posters take."""
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
    books_lock = threading.Lock()
    ledger = Ledger(books_lock)
    auditor = Auditor(ledger, books_lock)
    posters = [threading.Thread(target=ledger.post, args=p) for p in postings]
    checker = threading.Thread(target=auditor.audit)
    for t in posters + [checker]:
        t.start()
    for t in posters + [checker]:
        t.join()
