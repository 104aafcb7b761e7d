"""IL201 on `JobQueue._jobs`: `get` tests the list under the condition, waits with `if` instead
of `while`, then pops: the wait let go of the lock, and another worker may have taken the one
job `put` announced (or the wake-up was spurious): pop from an empty list."""
import threading


class JobQueue:
    def __init__(self):
        self._cond = threading.Condition()
        self._jobs = []
        self._closed = False

    def put(self, job):
        with self._cond:
            self._jobs.append(job)
            self._cond.notify()

    def get(self):
        with self._cond:
            if not self._jobs:
                self._cond.wait()
            return self._jobs.pop(0)

    def close(self):
        with self._cond:
            self._closed = True
            self._cond.notify_all()

    def start(self, n):
        for _ in range(n):
            threading.Thread(target=self._work).start()

    def _work(self):
        while True:
            job = self.get()
            job()
