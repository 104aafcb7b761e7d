"""IL103 on `Tally.total`: `add` takes the lock through `stack.enter_context(self._lock)`, which
holds it until the `with ExitStack()` block ends; `batches += 1` inside is guarded, but
`total += n` runs after the stack closed, from every worker thread."""
import contextlib
import threading


class Tally:
    def __init__(self):
        self._lock = threading.Lock()
        self.total = 0
        self.batches = 0

    def add(self, values):
        with contextlib.ExitStack() as stack:
            stack.enter_context(self._lock)
            self.batches += 1
            n = sum(values)
        self.total += n

    def report(self):
        with self._lock:
            return self.total, self.batches


def run(chunks):
    tally = Tally()
    workers = [threading.Thread(target=tally.add, args=(c,)) for c in chunks]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return tally.report()
