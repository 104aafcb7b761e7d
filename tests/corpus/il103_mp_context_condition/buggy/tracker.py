"""IL103 on `JobTracker._pending`: `finish` decrements it outside `with self._done:` (a
condition made by the multiprocessing context), while `submit` increments it under that lock:
two finishing workers can lose a decrement and `wait_all` never returns."""
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
        self._pending -= 1
        with self._done:
            if not self._pending:
                self._done.notify_all()

    def wait_all(self):
        with self._done:
            while self._pending:
                self._done.wait()
