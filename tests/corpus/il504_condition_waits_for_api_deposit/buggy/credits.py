"""IL504 on `CreditBank._cond`/`_books`: `spend` waits on the balance condition while holding
`_books`, and `top_up` needs `_books` before it can add credit and notify: the spender and the
API both block forever (the lock order is the same everywhere: only the wait makes it a cycle)."""
import threading


class CreditBank:
    def __init__(self):
        self._books = threading.Lock()
        self._cond = threading.Condition()
        self.credit = 0
        self.spent = 0

    def spend(self, cost: int) -> None:
        with self._books:
            with self._cond:
                while self.credit < cost:
                    self._cond.wait()
                self.credit -= cost
            self.spent += cost

    def top_up(self, amount: int) -> None:
        with self._books:
            with self._cond:
                self.credit += amount
                self._cond.notify_all()
