"""IL503: `cancel` marks the job CANCELLED while `process` is suspended in its work but
never cancels the task, so the task resumes and marks the job DONE: CANCELLED -> DONE."""
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
        self._tasks: dict[str, "asyncio.Task[None]"] = {}

    def submit(self, job: Job) -> None:
        self.jobs[job.job_id] = job
        self._tasks[job.job_id] = asyncio.create_task(self.process(job))

    async def process(self, job: Job) -> None:
        if job.status == Status.CANCELLED:
            return
        job.status = Status.RUNNING
        await asyncio.sleep(0.1)             # the work
        job.status = Status.DONE


    async def cancel(self, job_id: str) -> bool:
        job = self.jobs.get(job_id)
        if job is None:
            return False
        if job.status == Status.QUEUED or job.status == Status.RUNNING:
            job.status = Status.CANCELLED
        return True
