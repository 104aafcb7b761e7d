"""IL103 on `Tally.count`: one `Tally` is handed to both the reader and the writer, whose threads
both run `count += 1` on it with no lock in common."""
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
    tally = Tally()
    reader = Reader(tally)
    writer = Writer(tally)
    reader.start()
    writer.start()
