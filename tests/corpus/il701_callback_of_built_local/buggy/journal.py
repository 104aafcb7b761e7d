"""IL701: the journal's connection is opened by `main()` (default check_same_thread=True); the
meter thread writes every reading through the `sink` it was built with, `journal.append`, so
the first write raises sqlite3.ProgrammingError on the meter thread."""
import sqlite3
import threading
import time


class Journal:
    def __init__(self, path):
        self._db = sqlite3.connect(path)

    def append(self, reading):
        self._db.execute("INSERT INTO readings VALUES (?)", (reading,))
        self._db.commit()


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
