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
