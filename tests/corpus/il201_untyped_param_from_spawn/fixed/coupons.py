"""Coupon redemption: several redeemer threads share one ledger handed to them at spawn time."""
import threading


class CouponLedger:
    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._used: set[str] = set()

    def try_use(self, code: str) -> bool:
        with self._guard:                   # test and mark in one critical section
            if code in self._used:
                return False
            self._used.add(code)
            return True


def apply_discount(code: str) -> None:
    print("discount applied for", code)


def redeemer(ledger, codes):
    for code in codes:
        if ledger.try_use(code):
            apply_discount(code)


def run(batches):
    ledger, workers = CouponLedger(), []
    for batch in batches:
        t = threading.Thread(target=redeemer, args=(ledger, batch))
        workers.append(t)
        t.start()
    for t in workers:
        t.join()
