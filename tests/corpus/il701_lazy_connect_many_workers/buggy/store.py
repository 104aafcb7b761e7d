"""Workers share one store; the first worker to query opens the connection and the others reuse it."""
import sqlite3
import threading


class TrackStore:
    def __init__(self, path):
        self._path = path
        self._conn = None

    def _connection(self):
        if self._conn is None:
            self._conn = sqlite3.connect(self._path)
        return self._conn

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
