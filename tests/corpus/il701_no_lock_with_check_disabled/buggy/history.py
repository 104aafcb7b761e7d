"""IL701: check_same_thread=False lets the prune thread and record() (api) use one connection,
but nothing serialises them: their statements and commits interleave."""
import sqlite3
import threading


class PlayHistory:
    def __init__(self, path):
        self._lock = threading.Lock()
        self.conn = sqlite3.connect(path, check_same_thread=False)
        threading.Thread(target=self._prune, daemon=True).start()

    def record(self, track_id):
        self.conn.execute("INSERT INTO plays VALUES (?)", (track_id,))
        self.conn.commit()

    def _prune(self):
        self.conn.execute("DELETE FROM plays WHERE ts < date('now', '-30 day')")
        self.conn.commit()
