"""Fixed twin: `record` bumps `served` inside the `with TimedLock(self._lock, timeout=2):` block
too, so every counter is changed holding the lock."""
import threading

from timedlock import TimedLock


class RequestStats:
    def __init__(self):
        self._lock = threading.Lock()
        self.errors = 0
        self.served = 0
        self.bytes_out = 0

    def record(self, status, size):
        with TimedLock(self._lock, timeout=2):
            if status >= 500:
                self.errors += 1
            self.bytes_out += size
            self.served += 1

    def snapshot(self):
        with TimedLock(self._lock, timeout=2):
            return {"errors": self.errors, "served": self.served, "bytes_out": self.bytes_out}


def handle(stats, n):
    for i in range(n):
        stats.record(200 if i % 7 else 503, 512)


def main():
    stats = RequestStats()
    workers = [threading.Thread(target=handle, args=(stats, 100)) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print(stats.snapshot())


if __name__ == "__main__":
    main()
