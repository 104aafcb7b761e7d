"""IL304 on `Indexer._lock`: `reindex` joins the running pass while holding the lock, and
`progress` (any API thread) takes the same lock to read the counter and ask the thread handle
whether it is alive: a progress poll waits for the whole pass to finish. The lock guards the
handle, but asking `is_alive()` does not need to wait for a join: a join is a wait, not I/O the
lock serialises."""
import threading


class Indexer:
    def __init__(self):
        self._lock = threading.Lock()
        self._passes = 0
        self._thread = threading.Thread(target=self._scan, daemon=True)
        self._thread.start()

    def _scan(self):
        sum(range(10_000))

    def progress(self):
        with self._lock:
            return {"passes": self._passes, "running": self._thread.is_alive()}

    def reindex(self):
        with self._lock:
            self._thread.join()
            self._passes += 1
            self._thread = threading.Thread(target=self._scan, daemon=True)
            self._thread.start()
