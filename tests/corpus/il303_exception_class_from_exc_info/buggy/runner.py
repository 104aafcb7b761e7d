"""A job runner whose worker keeps the last failure for the caller to raise.

The worker stores the user's error handler beside the failure; `check` calls it under
`_lock` through `rethrow`: the handler is the user's code, and if it submits a job or checks
again it re-takes `_lock` and deadlocks.
"""
import queue
import sys
import threading


def rethrow(kind, value, tb=None):
    if value is None:
        value = kind()
    raise value.with_traceback(tb)


class Runner:
    def __init__(self, on_error):
        self._on_error = on_error
        self._lock = threading.Lock()
        self._jobs = queue.Queue()
        self.failure = None
        self._worker = threading.Thread(target=self._loop, daemon=True)
        self._worker.start()

    def _loop(self):
        while True:
            job = self._jobs.get()
            try:
                job()
            except Exception:
                with self._lock:
                    self.failure = (self._on_error, None, sys.exc_info()[2])

    def check(self):
        with self._lock:
            if self.failure:
                kind, value, tb = self.failure
                self.failure = None
                rethrow(kind, value, tb)

    def submit(self, job):
        self.check()
        self._jobs.put(job)
