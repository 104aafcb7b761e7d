"""Fixed twin: the worker takes the job first, then counts it under the lock."""
import queue
import threading


class JobRunner:
    def __init__(self):
        self._stats_lock = threading.Lock()
        self._inbox = queue.Queue()
        self._taken = 0

    def submit(self, job):
        self._inbox.put(job)

    def _loop(self):
        while True:
            job = self._inbox.get()
            with self._stats_lock:
                self._taken += 1
            job()

    def taken(self):
        with self._stats_lock:
            return self._taken

    def start(self, n):
        for _ in range(n):
            threading.Thread(target=self._loop, daemon=True).start()
