"""IL304 on `JobRunner._stats_lock`: a worker waits for the next job inside `_stats_lock`, so
`taken()` (and the other workers) wait until a job arrives. `submit` puts without the lock, so
another call can always end the wait: a stall, not a deadlock (no IL504)."""
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
            with self._stats_lock:
                job = self._inbox.get()
                self._taken += 1
            job()

    def taken(self):
        with self._stats_lock:
            return self._taken

    def start(self, n):
        for _ in range(n):
            threading.Thread(target=self._loop, daemon=True).start()
