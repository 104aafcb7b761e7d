"""IL701: LibraryDB.conn is opened in __init__ (the caller's thread) with the default
check_same_thread=True and used by the scan thread: every insert raises ProgrammingError."""
import sqlite3
import threading


class LibraryDB:
    def __init__(self, path):
        self.path = path
        self.conn = sqlite3.connect(path)
        self.scanned = []

    def start_scan(self, files):
        threading.Thread(target=self._scan, args=(files,), daemon=True).start()

    def _scan(self, files):
        for f in files:
            self.conn.execute("INSERT INTO tracks(path) VALUES (?)", (f,))
        self.conn.commit()

