"""IL503 through layers: `finish` (a helper module the engine calls with the job) marks the job
DONE after an await, during which the API's `cancel` may have marked it CANCELLED:
CANCELLED -> DONE, a transition the job's state machine forbids, reached through a stale check
(IL502 steps aside for IL503 when the writer checked the state in an earlier section)."""
from models import Job, Status


async def finish(engine: "Engine", job: Job) -> None:
    await engine.save(job)
    job.status = Status.DONE
