"""IL501 on `Meter.served`: `record` bumps `served` with no lock and only then counts the call
under the lock. Two requests read the same `served`, both write back one more, and the second
write loses the first: `served` ends below `calls`, breaking the spec's `served >= calls`. The
explorer's counterexample is that lost update (the read, the rival write, the write-back), so
it is reported once, as IL501, not again as IL103 (checker.PROVED_BY)."""
import threading


class Meter:
    def __init__(self):
        self._lock = threading.Lock()
        self.served = 0
        self.calls = 0

    def record(self):
        self.served += 1
        with self._lock:
            self.calls += 1

    def totals(self):
        with self._lock:
            return self.served, self.calls
