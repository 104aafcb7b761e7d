"""Fixed: the scan thread opens its own connection."""
import sqlite3
import threading


class LibraryDB:
    def __init__(self, path):
        self.path = path
        self.conn = None
        self.scanned = []

    def start_scan(self, files):
        threading.Thread(target=self._scan, args=(files,), daemon=True).start()

    def _scan(self, files):
        conn = sqlite3.connect(self.path)
        for f in files:
            conn.execute("INSERT INTO tracks(path) VALUES (?)", (f,))
        conn.commit()
        conn.close()

