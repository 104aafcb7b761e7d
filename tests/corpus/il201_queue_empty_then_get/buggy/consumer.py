"""IL201 on `Drainer.jobs`: each of the four drain threads tests `not self.jobs.empty()` and then
calls the blocking `get()`; another drainer can take the last job in between, and this one then
waits forever instead of returning."""
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
            if not self.jobs.empty():
                job = self.jobs.get()
                self.done.put(job())
            else:
                return
