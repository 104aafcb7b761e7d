"""A job runner that tracks its pending futures; each future drops itself from the set when it
finishes, and `shutdown` cancels what is still pending."""
import threading
from concurrent.futures import Future, ThreadPoolExecutor


class JobRunner:
    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=4)
        self._pending: set[Future] = set()

    def run(self, fn, *args) -> Future:
        fut = self._pool.submit(fn, *args)
        self._pending.add(fut)
        fut.add_done_callback(self._pending.discard)      # runs on the worker that finished it
        return fut

    def shutdown(self) -> None:
        for fut in self._pending:                          # the set shrinks while this walks it
            fut.cancel()
        self._pool.shutdown(wait=True)
