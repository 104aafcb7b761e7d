"""An export runner: queue() counts the job and hands it to the export thread.

Bug: the export thread waits for the next job inside `_accounting()`, which holds the lock
that `queue()` needs to hand the job over: both wait forever."""
import queue
import threading
from contextlib import contextmanager


class ExportRunner:
    def __init__(self, encoder):
        self._encoder = encoder
        self._mutex = threading.Lock()
        self._todo = queue.Queue()
        self.waiting = 0
        self.exported = 0
        threading.Thread(target=self._export_thread, daemon=True).start()

    @contextmanager
    def _accounting(self):
        with self._mutex:
            try:
                yield
            finally:
                self._check()

    def _check(self) -> None:
        assert self.waiting >= 0

    def queue(self, job) -> None:
        with self._accounting():
            self.waiting += 1
            self._todo.put(job)

    def _export_thread(self) -> None:
        while True:
            with self._accounting():
                job = self._todo.get()
                self.waiting -= 1
            self._encoder.encode(job)
            with self._accounting():
                self.exported += 1
