"""IL503 after `dict.pop(key, None)`: the pop with a default never raises (it was once
modelled as a list pop that raises on an empty container, which hid everything after it); the
worker then marks the job DONE although the API cancelled it meanwhile."""
import asyncio
import enum


class Status(enum.Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    CANCELLED = "cancelled"


class Job:
    def __init__(self, job_id: str) -> None:
        self.job_id = job_id
        self.status = Status.QUEUED


class Engine:
    def __init__(self) -> None:
        self.jobs: dict[str, Job] = {}
        self.callbacks: dict[str, object] = {}

    async def cancel(self, job_id: str) -> bool:
        job = self.jobs.get(job_id)
        if job is None:
            return False
        if job.status == Status.QUEUED or job.status == Status.RUNNING:
            job.status = Status.CANCELLED
        return True

    async def process(self, job: Job) -> None:
        if job.status == Status.CANCELLED:
            return
        job.status = Status.RUNNING
        await asyncio.sleep(0.1)
        self.callbacks.pop(job.job_id, None)       # never raises, even on an empty dict
        job.status = Status.DONE
