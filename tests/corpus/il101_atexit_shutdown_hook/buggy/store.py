"""IL101 on `Store.engine`: an idle timer thread runs `_close`, which sets `engine` to None while
`query` (public, any thread) reads it; `query`'s lock does not cover either access."""
import threading


class Store:
    def __init__(self, url):
        self._lock = threading.Lock()
        self.engine = url
        self.hits = 0
        threading.Timer(300.0, self._close).start()

    def query(self, sql):
        with self._lock:
            self.hits += 1
        engine = self.engine
        if engine is None:
            raise RuntimeError("closed")
        return engine, sql

    def _close(self):
        self.engine = None
