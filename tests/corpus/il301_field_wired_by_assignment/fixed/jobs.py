"""No finding: the store wakes the scheduler after letting its own lock go, so the store's
lock is never held while the scheduler's is taken."""
import threading
import time


class JobStore:
    def __init__(self):
        self._lock = threading.Lock()
        self._jobs = []
        self.scheduler = None

    def add(self, job):
        with self._lock:
            self._jobs.append(job)
        self.scheduler.wake()

    def due(self, now):
        with self._lock:
            return [j for j in self._jobs if j.next_run <= now]


class Scheduler:
    def __init__(self, store: JobStore):
        self._lock = threading.Lock()
        self._store = store
        self._woken = False

    def wake(self):
        with self._lock:
            self._woken = True

    def tick(self):
        with self._lock:
            self._woken = False
            for job in self._store.due(time.time()):
                job.run()


def start(jobs):
    store = JobStore()
    scheduler = Scheduler(store)
    store.scheduler = scheduler
    threading.Thread(target=scheduler.tick).start()
    for job in jobs:
        threading.Thread(target=store.add, args=(job,)).start()
