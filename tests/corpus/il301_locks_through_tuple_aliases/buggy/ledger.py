import threading


class Ledger:
    def __init__(self, owner: str):
        self._guard = threading.Lock()
        self.owner = owner
        self.entries = []

    def merge_into(self, other: "Ledger"):
        outer, inner = self, other
        with outer._guard:
            with inner._guard:
                other.entries.extend(self.entries)
                self.entries.clear()

    def size(self):
        with self._guard:
            return len(self.entries)


def consolidate(a: Ledger, b: Ledger):
    a.merge_into(b)


def start(x: Ledger, y: Ledger):
    threading.Thread(target=consolidate, args=(x, y)).start()
    threading.Thread(target=consolidate, args=(y, x)).start()
