"""Silent: each drain thread takes a job with `get_nowait()` and returns on `queue.Empty`, so
the test and the take are one step."""
import queue
import threading


class Drainer:
    def __init__(self, n_workers=4):
        self.jobs = queue.Queue()
        self.done = queue.Queue()
        self._workers = [threading.Thread(target=self._drain, daemon=True)
                         for _ in range(n_workers)]

    def start(self):
        for w in self._workers:
            w.start()

    def add(self, job):
        self.jobs.put(job)

    def _drain(self):
        while True:
            try:
                job = self.jobs.get_nowait()
            except queue.Empty:
                return
            self.done.put(job())
