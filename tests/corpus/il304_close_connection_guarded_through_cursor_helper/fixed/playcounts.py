"""Play counts shared by tag-reader jobs: every use of the connection goes through one
`@contextmanager` that holds the lock, and `close()` takes the same lock to close it."""
import contextlib
import json
import sqlite3
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor


class PlayCounts:
    def __init__(self, path):
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path, check_same_thread=False)
        with self._cursor() as cur:
            cur.execute("CREATE TABLE IF NOT EXISTS plays (track TEXT PRIMARY KEY, n INTEGER)")

    @contextlib.contextmanager
    def _cursor(self):
        with self._lock:
            cur = self._conn.cursor()
            try:
                yield cur
                self._conn.commit()
            except Exception:
                self._conn.rollback()
                raise
            finally:
                cur.close()

    def bump(self, track):
        with self._cursor() as cur:
            cur.execute("INSERT OR IGNORE INTO plays VALUES (?, 0)", (track,))
            cur.execute("UPDATE plays SET n = n + 1 WHERE track = ?", (track,))

    def export(self, url):
        with self._cursor() as cur:
            rows = cur.execute("SELECT track, n FROM plays").fetchall()
        body = json.dumps(rows).encode()
        urllib.request.urlopen(url, data=body, timeout=10).read()

    def close(self):
        with self._lock:
            self._conn.close()


def main():
    counts = PlayCounts("plays.db")
    with ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(counts.bump, ["a", "b", "c", "a"]))
        pool.submit(counts.export, "http://stats.local/plays")
    counts.close()


if __name__ == "__main__":
    main()
