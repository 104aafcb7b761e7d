"""A write-ahead journal: `append` adds records under `_holding()`, a `@contextmanager` that takes
`_mutex` with acquire/try/finally release, and the sync thread swaps the pending list under it."""
import threading
from contextlib import contextmanager


class Journal:
    def __init__(self, sink):
        self._mutex = threading.Lock()
        self._pending: list = []
        self._sink = sink
        threading.Thread(target=self._sync_loop, daemon=True).start()

    @contextmanager
    def _holding(self):
        self._mutex.acquire()
        try:
            yield
        finally:
            self._mutex.release()

    def append(self, record) -> None:
        with self._holding():
            self._pending.append(record)

    def _sync_loop(self) -> None:
        while True:
            with self._holding():
                batch, self._pending = self._pending, []
            self._sink.write(batch)
