"""Silent: `_close` is an atexit hook. It runs at interpreter exit, after the program's work, not
alongside `query`, so it is not a concurrent context (nor are `signal.signal`,
`loop.add_signal_handler`, `weakref.finalize` and `os.register_at_fork` callbacks)."""
import atexit
import threading


class Store:
    def __init__(self, url):
        self._lock = threading.Lock()
        self.engine = url
        self.hits = 0
        atexit.register(self._close)

    def query(self, sql):
        with self._lock:
            self.hits += 1
        engine = self.engine
        if engine is None:
            raise RuntimeError("closed")
        return engine, sql

    def _close(self):
        self.engine = None
