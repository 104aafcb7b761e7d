"""A job runner whose worker keeps the last failure for the caller to raise.

The worker stores `sys.exc_info()`; `check` raises it again under `_lock`, through `rethrow`,
which builds the exception from its class when no instance was kept. That class is an
exception type, not a callback a user registered: constructing it runs no foreign code.
"""
import queue
import sys
import threading


def rethrow(kind, value, tb=None):
    if value is None:
        value = kind()
    raise value.with_traceback(tb)


class Runner:
    def __init__(self):
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
                    self.failure = sys.exc_info()

    def check(self):
        with self._lock:
            if self.failure:
                kind, value, tb = self.failure
                self.failure = None
                rethrow(kind, value, tb)

    def submit(self, job):
        self.check()
        self._jobs.put(job)
