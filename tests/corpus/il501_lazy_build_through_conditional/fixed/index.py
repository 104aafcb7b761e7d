"""Fixed twin: `_build` re-tests the table under the lock (double-checked locking through a helper);
the unlocked fast-path read in `lookup` is benign."""
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
        with self._lock:
            if self._table is None:
                self.builds += 1
                self._table = {}
            return self._table
