"""Fixed twin: `Reporter.flush` takes the registry's lock through `Registry.guard()`, which
returns `self._lock`, the lock `Registry.add` holds: `with self.registry.guard():` holds it."""
import threading


class Registry:
    def __init__(self):
        self._lock = threading.Lock()
        self._io_lock = threading.Lock()
        self.totals = {}

    def guard(self):
        return self._lock

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
