import sqlite3
import threading


class ReadingStore:
    """One connection for every sensor thread; `_db_guard` serialises its use."""

    def __init__(self, path):
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db_guard = threading.Lock()
        self._saved = 0

    def save(self, sensor, value):
        with self._db_guard:
            cur = self._conn.cursor()
            cur.execute("INSERT INTO readings VALUES (?, ?)", (sensor, value))
            self._saved += 1

    def latest(self, sensor):
        with self._db_guard:
            cur = self._conn.cursor()
            cur.execute("SELECT value FROM readings WHERE sensor = ? ORDER BY rowid DESC", (sensor,))
            return cur.fetchone()

    def saved_count(self):
        # the dashboard waits out every insert just to read a counter
        with self._db_guard:
            return self._saved


store = ReadingStore("readings.db")


def pump(sensor):
    for i in range(100):
        store.save(sensor, i)


def dashboard():
    while True:
        print(store.saved_count(), store.latest("a"))


threading.Thread(target=pump, args=("a",)).start()
threading.Thread(target=pump, args=("b",)).start()
threading.Thread(target=dashboard, daemon=True).start()
