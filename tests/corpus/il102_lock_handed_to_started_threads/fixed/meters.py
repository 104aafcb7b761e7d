"""Fixed: the Reporter reads and resets under the lock `main` handed to every thread, the
same object as the Senders' `self.lock`: no "different locks" finding."""
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
            with self.lock:
                n = self.counters.sent
                self.counters.sent = 0
            print("rate", n)


def main(batches):
    lock = threading.Lock()
    counters = Counters()
    Reporter(lock, counters).start()
    for b in batches:
        Sender(lock, counters, b).start()
