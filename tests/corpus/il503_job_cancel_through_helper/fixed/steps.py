"""Fixed twin: `finish` completes the job only if it is still running after the await."""
from models import Job, Status


async def finish(engine: "Engine", job: Job) -> None:
    await engine.save(job)
    if job.status == Status.RUNNING:
        job.status = Status.DONE
