"""No IL103: each owner is built with a fresh `Tally` of its own (a constructor call passed
straight in, or a local built for that one constructor), so each thread counts on its own object."""
import threading


class Tally:
    def __init__(self):
        self.count = 0

    def add(self):
        self.count += 1


class Reader:
    def __init__(self, tally: Tally):
        self._lock = threading.Lock()
        self.tally = tally
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def start(self):
        self._thread.start()

    def _loop(self):
        with self._lock:
            self.tally.add()


class Writer:
    def __init__(self, tally: Tally):
        self.tally = tally
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def start(self):
        self._thread.start()

    def _loop(self):
        self.tally.add()


def run():
    mine = Tally()
    reader = Reader(mine)
    writer = Writer(Tally())
    reader.start()
    writer.start()
