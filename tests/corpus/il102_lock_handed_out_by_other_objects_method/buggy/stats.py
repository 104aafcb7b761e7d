"""IL102 on `Registry.totals`: `Reporter.flush` empties the registry's totals inside
`with self.registry.guard():`, but `guard()` hands out `_io_lock`, not the `_lock` that `add`
holds while it writes them: an `add` between the copy and the `clear()` is lost."""
import threading


class Registry:
    def __init__(self):
        self._lock = threading.Lock()
        self._io_lock = threading.Lock()
        self.totals = {}

    def guard(self):
        return self._io_lock

    def add(self, key, n):
        with self._lock:
            self.totals[key] = self.totals.get(key, 0) + n

    def peek(self, key):
        with self._lock:
            return self.totals.get(key, 0)


class Reporter:
    def __init__(self, registry: Registry):
        self.registry = registry
        self.sent = []

    def flush(self):
        with self.registry.guard():
            snapshot = dict(self.registry.totals)
            self.registry.totals.clear()
        self.sent.append(snapshot)


def main():
    registry = Registry()
    reporter = Reporter(registry)
    workers = [threading.Thread(target=registry.add, args=("a", 1)),
               threading.Thread(target=reporter.flush)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()


if __name__ == "__main__":
    main()
