"""Fixed: the journal opens its connection on the thread that writes (the first append)."""
import sqlite3
import threading
import time


class Journal:
    def __init__(self, path):
        self._path = path
        self._local = threading.local()

    def append(self, reading):
        db = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = sqlite3.connect(self._path)
        db.execute("INSERT INTO readings VALUES (?)", (reading,))
        db.commit()


class Meter:
    def __init__(self, sink):
        self._sink = sink
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self):
        while True:
            self._sink(time.monotonic())
            time.sleep(1.0)


def main():
    journal = Journal("meter.db")
    Meter(sink=journal.append)
