"""Fixed: every use of the shared connection holds _lock."""
import sqlite3
import threading


class PlayHistory:
    def __init__(self, path):
        self._lock = threading.Lock()
        self.conn = sqlite3.connect(path, check_same_thread=False)
        threading.Thread(target=self._prune, daemon=True).start()

    def record(self, track_id):
        with self._lock:
            self.conn.execute("INSERT INTO plays VALUES (?)", (track_id,))
            self.conn.commit()

    def _prune(self):
        with self._lock:
            self.conn.execute("DELETE FROM plays WHERE ts < date('now', '-30 day')")
            self.conn.commit()
