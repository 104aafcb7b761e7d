"""Fixed twin: only a FAILED job is requeued; each value of `jobs` moves along the declared machine."""
import threading
from enum import Enum


class JobState(Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class RenderFarm:
    def __init__(self, renderer):
        self._renderer = renderer
        self._lock = threading.Lock()
        self.jobs: dict[str, JobState] = {}

    def submit(self, job_id: str) -> None:
        with self._lock:
            self.jobs.setdefault(job_id, JobState.QUEUED)

    def claim(self, job_id: str) -> bool:
        with self._lock:
            if self.jobs.get(job_id) is JobState.QUEUED:
                self.jobs[job_id] = JobState.RUNNING
                return True
            return False

    def finish(self, job_id: str, ok: bool) -> None:
        with self._lock:
            if self.jobs.get(job_id) is JobState.RUNNING:
                self.jobs[job_id] = JobState.DONE if ok else JobState.FAILED

    def retry(self, job_id: str) -> bool:
        with self._lock:
            if self.jobs.get(job_id) is JobState.FAILED:
                self.jobs[job_id] = JobState.QUEUED
                return True
            return False
