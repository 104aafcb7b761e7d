"""IL101 on `Ledger._open`: the clearinghouse runs its callbacks on a settlement thread of its
own (`_settle_forever`), so `_on_settled` changes `_open` while the ledger's owner changes it in
`record` and `close`, with no lock."""
import queue
import threading


class Clearinghouse:
    def __init__(self):
        self._listeners = []
        self._pending = queue.Queue()
        self._worker = threading.Thread(target=self._settle_forever, daemon=True)

    def add_on_settle_callback(self, listener):
        self._listeners.append(listener)

    def start(self):
        self._worker.start()

    def enqueue(self, amount):
        self._pending.put(amount)

    def _settle_forever(self):
        while True:
            amount = self._pending.get()
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
