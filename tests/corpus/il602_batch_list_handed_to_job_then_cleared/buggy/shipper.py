"""IL602 on `LogShipper._lines`: when enough lines are buffered, `write` starts a thread that
ships the list and then empties the same list in place. The thread gets the list object, not a
copy, so it usually ships nothing (or only the lines written after the clear)."""
import threading


class LogShipper:
    def __init__(self, endpoint, flush_at=500):
        self._endpoint = endpoint
        self._flush_at = flush_at
        self._lock = threading.Lock()
        self._lines = []

    def _ship(self, lines):
        self._endpoint.send("\n".join(lines))

    def write(self, line):
        with self._lock:
            self._lines.append(line)
            if len(self._lines) < self._flush_at:
                return
            threading.Thread(target=self._ship, args=(self._lines,), daemon=True).start()
            self._lines.clear()


def upload(rows):
    for row in rows:
        print(row)


def upload_in_chunks(pool, rows, size=100):
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            pool.submit(upload, chunk)
            del chunk[:]
