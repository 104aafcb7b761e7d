"""IL501 on `Index.builds`: the table starts as None and is built on first use through a
conditional expression (`... if self._table is not None else self._build()`); `_build` does not
re-test under its lock, so two readers that both saw None build it twice."""
import threading


class Index:
    def __init__(self):
        self._lock = threading.Lock()
        self._table = None
        self.builds = 0

    def lookup(self, key):
        table = self._table if self._table is not None else self._build()
        return table.get(key)

    def _build(self):
        table = {}
        with self._lock:
            self.builds += 1
            self._table = table
        return table
