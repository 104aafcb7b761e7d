import threading
from concurrent.futures import ThreadPoolExecutor


class Reconciler:
    """Runs reconcile jobs on its own pool; each job's done-callback drops it from the pending set
    under the lock. `close` stops the pool under that lock and waits there for the running job,
    while that job's done-callback waits for the same lock: neither goes on."""

    def __init__(self):
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=2)
        self._pending = set()

    def submit(self, job):
        with self._lock:
            future = self._pool.submit(job)
            self._pending.add(future)
        future.add_done_callback(self._done)

    def _done(self, future):
        with self._lock:
            self._pending.discard(future)

    def close(self):
        with self._lock:
            self._pool.shutdown()
            self._pending.clear()
