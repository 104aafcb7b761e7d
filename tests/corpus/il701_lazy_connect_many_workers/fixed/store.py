"""Workers share one store; each worker thread opens its own connection on first use."""
import sqlite3
import threading


class TrackStore:
    def __init__(self, path):
        self._path = path
        self._local = threading.local()

    def _connection(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self._path)
            self._local.conn = conn
        return conn

    def duration(self, track_id):
        row = self._connection().execute("SELECT duration FROM tracks WHERE id = ?", (track_id,)).fetchone()
        return row[0] if row else None


def analyse(store, track_ids, out, out_lock):
    for track_id in track_ids:
        d = store.duration(track_id)
        with out_lock:
            out[track_id] = d


def analyse_all(path, batches):
    store = TrackStore(path)
    out = {}
    out_lock = threading.Lock()
    workers = [threading.Thread(target=analyse, args=(store, batch, out, out_lock)) for batch in batches]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return out


class ScanLog:
    """Only the one scanner thread ever touches the log; it opens the connection lazily."""

    def __init__(self, path):
        self._path = path
        self._conn = None

    def _connection(self):
        if self._conn is None:
            self._conn = sqlite3.connect(self._path)
        return self._conn

    def record(self, entry):
        self._connection().execute("INSERT INTO log VALUES (?)", (entry,))


def scan(log, entries):
    for entry in entries:
        log.record(entry)


def start_scan(path, entries):
    log = ScanLog(path)
    scanner = threading.Thread(target=scan, args=(log, entries))
    scanner.start()
    return scanner
