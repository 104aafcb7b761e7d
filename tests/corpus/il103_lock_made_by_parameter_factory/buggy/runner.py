"""A runner whose lock comes from its host's lock factory (`host._new_lock()`), the host an untyped
parameter: `with self._lock:` is a lock all the same, whatever object made it."""
from concurrent.futures import ThreadPoolExecutor


class Runner:
    _lock = None

    def __init__(self) -> None:
        self._running: dict = {}
        self._pool = ThreadPoolExecutor(4)

    def attach(self, host, name):
        self._name = name
        self._lock = host._new_lock()

    def submit(self, job_id: str, fn) -> None:
        with self._lock:
            self._running[job_id] = self._running.get(job_id, 0) + 1
            future = self._pool.submit(fn)
        future.add_done_callback(lambda f: self._finished(job_id))

    def _finished(self, job_id: str) -> None:
        self._running[job_id] -= 1
        if self._running[job_id] == 0:
            del self._running[job_id]
