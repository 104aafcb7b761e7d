"""IL102 on `Counters.sent`: `main` hands one lock to the Sender threads and to the Reporter
thread, each built and started in one expression (`Sender(lock, ...).start()`), so
`Sender.lock` and `Reporter.lock` are one lock; the Senders bump `sent` under it, but the
Reporter reads and resets it without: sends counted in between are lost."""
import threading
import time


class Counters:
    def __init__(self):
        self.sent = 0


class Sender(threading.Thread):
    def __init__(self, lock: threading.Lock, counters: Counters, items):
        super().__init__(daemon=True)
        self.lock = lock
        self.counters = counters
        self.items = items

    def run(self):
        for _ in self.items:
            with self.lock:
                self.counters.sent += 1


class Reporter(threading.Thread):
    def __init__(self, lock: threading.Lock, counters: Counters):
        super().__init__(daemon=True)
        self.lock = lock
        self.counters = counters

    def run(self):
        while True:
            time.sleep(1)
            n = self.counters.sent
            self.counters.sent = 0
            print("rate", n)


def main(batches):
    lock = threading.Lock()
    counters = Counters()
    Reporter(lock, counters).start()
    for b in batches:
        Sender(lock, counters, b).start()
