"""A tally handed to a worker and a reporter: `self.counter.add(n)` calls Tally.add, a method of the
program, not a set's add (the field's type comes from the constructor calls)."""
import threading


class Tally:
    def __init__(self):
        self._lock = threading.Lock()
        self.total = 0

    def add(self, n):
        with self._lock:
            self.total += n


class Worker:
    def __init__(self, counter):
        self.counter = counter
        self._thread = threading.Thread(target=self._run)

    def start(self):
        self._thread.start()

    def _run(self):
        for _ in range(10):
            self.counter.add(1)


class Reporter:
    def __init__(self, counter):
        self.counter = counter
        self._thread = threading.Thread(target=self._run)

    def start(self):
        self._thread.start()

    def _run(self):
        self.counter.add(5)


def main():
    tally = Tally()
    Worker(tally).start()
    Reporter(tally).start()
