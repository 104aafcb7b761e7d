"""IL701 on `EventStore.db`: the pool jobs of `ingest` all run `store.add` on the one connection
(opened with check_same_thread=False) with no lock. The store is built right in the call
(`ingest(EventStore("events.db"), ...)`): the argument's class types the parameter."""
import sqlite3
from concurrent.futures import ThreadPoolExecutor


class EventStore:
    def __init__(self, path):
        self.path = path
        self.db = sqlite3.connect(path, check_same_thread=False)
        self.db.execute("CREATE TABLE IF NOT EXISTS events (kind TEXT, body TEXT)")

    def add(self, kind, body):
        self.db.execute("INSERT INTO events VALUES (?, ?)", (kind, body))
        self.db.commit()

    def count(self, kind):
        row = self.db.execute("SELECT COUNT(*) FROM events WHERE kind = ?", (kind,)).fetchone()
        return row[0]


def ingest(store, batch):
    with ThreadPoolExecutor(max_workers=4) as pool:
        for kind, body in batch:
            pool.submit(store.add, kind, body)
    return store.count("click")


def main(batch):
    return ingest(EventStore("events.db"), batch)
