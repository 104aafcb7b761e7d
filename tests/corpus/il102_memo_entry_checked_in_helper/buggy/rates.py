"""IL102 on `RateTable._rates`: `quote` hands the table itself to `_stale`, which looks the code
up twice without the lock (`code not in rates`, then `rates[code][1]`) while the feed thread
stores and drops entries under it: a `drop` between the two raises KeyError."""
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

    def _stale(self, rates, code):
        return code not in rates or time.monotonic() - rates[code][1] > MAX_AGE

    def quote(self, code, amount):
        if self._stale(self._rates, code):
            return None
        with self._lock:
            rate = self._rates[code][0]
        return amount * rate


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
