"""IL302 on `JobQueue._cond`: the Condition is built on a plain `threading.Lock()`, and `put`
calls `len(self)` while holding it; `__len__` takes the same lock again and the thread hangs."""
import threading
from collections import deque


class JobQueue:
    def __init__(self, limit=100):
        self._cond = threading.Condition(threading.Lock())
        self._jobs = deque()
        self._limit = limit
        self._closed = False

    def __len__(self):
        with self._cond:
            return len(self._jobs)

    def put(self, job):
        with self._cond:
            while len(self) >= self._limit and not self._closed:
                self._cond.wait()
            if self._closed:
                raise RuntimeError("closed")
            self._jobs.append(job)
            self._cond.notify_all()

    def get(self):
        with self._cond:
            while not self._jobs and not self._closed:
                self._cond.wait()
            if not self._jobs:
                return None
            job = self._jobs.popleft()
            self._cond.notify_all()
            return job

    def close(self):
        with self._cond:
            self._closed = True
            self._cond.notify_all()


def worker(q: JobQueue):
    while True:
        job = q.get()
        if job is None:
            return
        job()


def run(jobs, n=4):
    q = JobQueue()
    threads = [threading.Thread(target=worker, args=(q,)) for _ in range(n)]
    for t in threads:
        t.start()
    for j in jobs:
        q.put(j)
    q.close()
    for t in threads:
        t.join()
