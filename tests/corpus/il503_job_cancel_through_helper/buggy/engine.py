import asyncio

from models import Job, Status
from steps import finish


class Engine:
    """The job object reaches the worker as an annotated parameter and the API through the
    engine's `jobs: dict[str, Job]`; the last transition happens in a module-level helper."""

    def __init__(self) -> None:
        self.jobs: dict[str, Job] = {}
        self._lock = asyncio.Lock()

    async def save(self, job: Job) -> None:
        await asyncio.sleep(0)

    async def run(self, job: Job) -> None:
        if job.status == Status.CANCELLED:
            return
        job.status = Status.RUNNING
        await finish(self, job)

    async def cancel(self, job_id: str) -> bool:
        job = self.jobs.get(job_id)
        if job is None:
            return False
        if job.status == Status.QUEUED or job.status == Status.RUNNING:
            job.status = Status.CANCELLED
        return True
