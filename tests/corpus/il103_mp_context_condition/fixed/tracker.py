"""Silent: `ctx.Condition()` on the multiprocessing context passed in is a condition (a lock),
so `with self._lock, self._done:` takes two locks and calls nothing, and every update of
`_pending` holds `_done`."""
import multiprocessing
import threading


class JobTracker:
    def __init__(self, *, ctx=None):
        ctx = ctx or multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._done = ctx.Condition()
        self._pending = 0
        self._submitted = []

    def submit(self, job):
        with self._lock, self._done:
            self._submitted.append(job)
            self._pending += 1

    def finish(self):
        with self._done:
            self._pending -= 1
            if not self._pending:
                self._done.notify_all()

    def wait_all(self):
        with self._done:
            while self._pending:
                self._done.wait()
