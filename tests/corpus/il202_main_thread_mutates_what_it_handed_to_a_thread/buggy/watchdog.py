"""IL202 on `Registry.started`: `main` hands its registry to a checker thread that walks
`started.items()` every second, then goes on adding and removing entries itself."""
import threading
import time


class Registry:
    def __init__(self):
        self.started = {}

    def add(self, pid):
        self.started[pid] = time.monotonic()

    def remove(self, pid):
        del self.started[pid]


def check_timeouts(registry: Registry, limit: float):
    while True:
        now = time.monotonic()
        for pid, began in registry.started.items():
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
