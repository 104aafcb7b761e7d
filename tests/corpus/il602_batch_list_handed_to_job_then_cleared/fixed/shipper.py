"""No finding: `write` swaps in a fresh list under the lock and hands the full one to the
shipping thread, which then owns it."""
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
            lines, self._lines = self._lines, []
            threading.Thread(target=self._ship, args=(lines,), daemon=True).start()


def upload(rows):
    for row in rows:
        print(row)


def upload_in_chunks(pool, rows, size=100):
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            pool.submit(upload, chunk)
            chunk = []


def upload_each(pool, rows):
    batch = list(rows)
    done = list(pool.map(upload, [batch]))
    pending = [r for r in rows if r]
    for _ in pool.map(upload, pending):
        pass
    pending.clear()
    return done
