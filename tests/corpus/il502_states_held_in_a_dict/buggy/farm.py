"""IL502 on `RenderFarm.jobs`: the farm keeps each job's state as the value of a dict keyed by job
id, and the spec's state machine is declared on that dict field (each value follows it).
`retry` requeues any job that is not running, so a finished job goes DONE -> QUEUED and renders
again; only FAILED jobs may be retried."""
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
            if job_id in self.jobs and self.jobs[job_id] is not JobState.RUNNING:
                self.jobs[job_id] = JobState.QUEUED
                return True
            return False
