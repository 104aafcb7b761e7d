"""Fixed twin: each pool thread opens its own connection, kept in a threading.local."""
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor


class EventStore:
    def __init__(self, path):
        self.path = path
        self._local = threading.local()
        self._conn().execute("CREATE TABLE IF NOT EXISTS events (kind TEXT, body TEXT)")

    def _conn(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path)
            self._local.conn = conn
        return conn

    def add(self, kind, body):
        conn = self._conn()
        conn.execute("INSERT INTO events VALUES (?, ?)", (kind, body))
        conn.commit()

    def count(self, kind):
        row = self._conn().execute("SELECT COUNT(*) FROM events WHERE kind = ?", (kind,)).fetchone()
        return row[0]


def ingest(store, batch):
    with ThreadPoolExecutor(max_workers=4) as pool:
        for kind, body in batch:
            pool.submit(store.add, kind, body)
    return store.count("click")


def main(batch):
    return ingest(EventStore("events.db"), batch)
