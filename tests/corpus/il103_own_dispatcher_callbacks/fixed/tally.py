"""Silent: `Ledger` registers `_on_settled` on the program's own `Clearinghouse`, which keeps its
callbacks in a list and runs them from `pump()`, in whatever thread drives it. Nothing here
starts a thread: the owner that calls `record` and `close` is the one that pumps the
clearinghouse, so `_on_settled` never runs at the same time as them."""


class Clearinghouse:
    def __init__(self):
        self._listeners = []
        self._pending = []

    def add_on_settle_callback(self, listener):
        self._listeners.append(listener)

    def enqueue(self, amount):
        self._pending.append(amount)

    def pump(self):
        while self._pending:
            amount = self._pending.pop()
            for listener in self._listeners:
                listener(amount)


class Ledger:
    def __init__(self, house):
        self._house = house
        self._open = 0
        self._closed = False
        house.add_on_settle_callback(self._on_settled)

    def record(self, amount):
        if self._closed:
            raise RuntimeError("ledger closed")
        self._open += amount
        self._house.enqueue(amount)

    def close(self):
        self._closed = True
        self._open = 0

    def _on_settled(self, amount):
        self._open -= amount
