"""Fixed twin: `spend` waits on the condition alone. It may still wait for good after one
`top_up` too small for its cost, but `top_up` is an API method (declared in the spec, started by
no thread of the program): it may be called again, and its next notify ends the wait. That is a
wait for more credit, not a deadlock."""
import threading


class CreditBank:
    def __init__(self):
        self._books = threading.Lock()
        self._cond = threading.Condition()
        self.credit = 0
        self.spent = 0

    def spend(self, cost: int) -> None:
        with self._cond:
            while self.credit < cost:
                self._cond.wait()
            self.credit -= cost
        with self._books:
            self.spent += cost

    def top_up(self, amount: int) -> None:
        with self._books:
            with self._cond:
                self.credit += amount
                self._cond.notify_all()
