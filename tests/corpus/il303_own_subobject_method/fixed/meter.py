"""Silent: `_read` is the `recv` method of the pipe the meter builds itself, so calling it under
`_lock` is the meter's own plumbing (a blocking read, not a callback into foreign code)."""
import multiprocessing
import threading


class LevelMeter:
    def __init__(self):
        self._lock = threading.Lock()
        self._conn, self._peer = multiprocessing.Pipe(duplex=False)
        self._read = self._conn.recv
        self._levels = []

    def poll_level(self):
        with self._lock:
            level = self._read()
            self._levels.append(level)
        return level

    def levels(self):
        with self._lock:
            return list(self._levels)
