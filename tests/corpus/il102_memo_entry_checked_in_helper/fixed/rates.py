"""No finding: `quote` takes the entry out of the table under the lock and hands that entry (an
immutable `(rate, stamp)` tuple, replaced whole by every update) to `_stale`. Reading the tuple
outside the lock reads nothing of the table."""
import threading
import time

MAX_AGE = 5.0


class RateTable:
    def __init__(self):
        self._lock = threading.Lock()
        self._rates = {}

    def update(self, code, rate):
        with self._lock:
            self._rates[code] = (rate, time.monotonic())

    def drop(self, code):
        with self._lock:
            self._rates.pop(code, None)

    def _stale(self, entry):
        return entry is None or time.monotonic() - entry[1] > MAX_AGE

    def quote(self, code, amount):
        with self._lock:
            entry = self._rates.get(code)
        if self._stale(entry):
            return None
        return amount * entry[0]


def feed(table, ticks):
    for code, rate in ticks:
        if rate is None:
            table.drop(code)
        else:
            table.update(code, rate)


def serve(table, requests, ticks):
    t = threading.Thread(target=feed, args=(table, ticks))
    t.start()
    out = [table.quote(code, amount) for code, amount in requests]
    t.join()
    return out
