"""A scheduler whose locks come from an overridable factory method (a subclass for green threads
returns its own lock type): `self._jobs_lock = self._create_lock()` is a lock all the same."""
import threading
from threading import RLock


class BaseScheduler:
    def __init__(self) -> None:
        self._jobs_lock = self._create_lock()
        self._jobs: list = []
        self._wakeup = threading.Event()

    def _create_lock(self):
        """Creates a reentrant lock object."""
        return RLock()

    def add_job(self, job) -> None:
        with self._jobs_lock:
            self._jobs.append(job)
        self._wakeup.set()

    def remove_all_jobs(self) -> None:
        self._jobs.clear()

    def _main_loop(self) -> None:
        while True:
            self._wakeup.wait(1.0)
            self._wakeup.clear()
            with self._jobs_lock:
                due = list(self._jobs)
            for job in due:
                job()


class BackgroundScheduler(BaseScheduler):
    def start(self) -> None:
        self._thread = threading.Thread(target=self._main_loop, daemon=True)
        self._thread.start()
