import threading
from concurrent.futures import ThreadPoolExecutor


class Reconciler:
    """Runs reconcile jobs on its own pool; each job's done-callback drops it from the pending set
    under the lock. `close` stops the pool under that lock without waiting for the running job:
    `shutdown(wait=False)` returns at once, so the callback is never kept waiting."""

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
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pending.clear()
