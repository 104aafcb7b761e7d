"""A job runner that tracks its pending futures; each future drops itself from the set when it
finishes, and `shutdown` cancels what is still pending."""
import threading
from concurrent.futures import Future, ThreadPoolExecutor


class JobRunner:
    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=4)
        self._lock = threading.Lock()
        self._pending: set[Future] = set()

    def run(self, fn, *args) -> Future:
        fut = self._pool.submit(fn, *args)
        with self._lock:
            self._pending.add(fut)
        fut.add_done_callback(self._forget)
        return fut

    def _forget(self, fut: Future) -> None:
        with self._lock:                                   # the callback runs on a worker thread
            self._pending.discard(fut)

    def shutdown(self) -> None:
        with self._lock:
            pending = list(self._pending)
        for fut in pending:
            fut.cancel()
        self._pool.shutdown(wait=True)
