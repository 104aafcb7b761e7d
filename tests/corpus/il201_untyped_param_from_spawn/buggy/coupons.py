"""Coupon redemption: several redeemer threads share one ledger handed to them at spawn time."""
import threading


class CouponLedger:
    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._used: set[str] = set()

    def was_used(self, code: str) -> bool:
        with self._guard:
            return code in self._used

    def mark_used(self, code: str) -> None:
        with self._guard:
            self._used.add(code)


def apply_discount(code: str) -> None:
    print("discount applied for", code)


def redeemer(ledger, codes):
    for code in codes:
        if not ledger.was_used(code):       # checked in one critical section ...
            ledger.mark_used(code)          # ... marked in another: a code can be redeemed twice
            apply_discount(code)


def run(batches):
    ledger, workers = CouponLedger(), []
    for batch in batches:
        t = threading.Thread(target=redeemer, args=(ledger, batch))
        workers.append(t)
        t.start()
    for t in workers:
        t.join()
