"""An event log kept in SQLite; collector threads append the events they receive."""
from __future__ import annotations

import queue
import sqlite3
import threading


class EventLog:
    def __init__(self, path: str) -> None:
        self._conn = sqlite3.connect(path, check_same_thread=False)
        self._lock = threading.Lock()
        self._conn.execute("CREATE TABLE IF NOT EXISTS events (source TEXT, payload TEXT)")

    @property
    def db(self) -> sqlite3.Connection:
        return self._conn

    def append(self, source: str, payload: str) -> None:
        with self._lock:
            self.db.execute("INSERT INTO events VALUES (?, ?)", (source, payload))
            self.db.commit()


def collect(log: EventLog, inbox: "queue.Queue[tuple[str, str] | None]") -> None:
    while (item := inbox.get()) is not None:
        log.append(*item)


def main() -> None:
    log = EventLog("events.db")
    inbox: "queue.Queue[tuple[str, str] | None]" = queue.Queue()
    collectors = [threading.Thread(target=collect, args=(log, inbox)) for _ in range(3)]
    for c in collectors:
        c.start()
    for i in range(100):
        inbox.put(("sensor", str(i)))
    for _ in collectors:
        inbox.put(None)
    for c in collectors:
        c.join()
