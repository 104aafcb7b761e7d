"""Fixed twin: the registry's dict changes under its lock, and the checker walks a copy taken
under it."""
import threading
import time


class Registry:
    def __init__(self):
        self._lock = threading.Lock()
        self.started = {}

    def add(self, pid):
        with self._lock:
            self.started[pid] = time.monotonic()

    def remove(self, pid):
        with self._lock:
            del self.started[pid]

    def snapshot(self):
        with self._lock:
            return list(self.started.items())


def check_timeouts(registry: Registry, limit: float):
    while True:
        now = time.monotonic()
        for pid, began in registry.snapshot():
            if now - began > limit:
                print("too slow:", pid)
        time.sleep(1)


def main():
    registry = Registry()
    threading.Thread(target=check_timeouts, args=(registry, 10.0), daemon=True).start()
    for pid in range(100):
        registry.add(pid)
        time.sleep(0.01)
        registry.remove(pid)


if __name__ == "__main__":
    main()
