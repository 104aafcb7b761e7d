"""IL502 on `PrintJob.status`: the jobs are dataclasses whose `status` starts at PENDING (a field
default, no `__init__`), kept in `Spooler.jobs`. A printer thread moves a job PENDING -> PRINTING;
`requeue` from the web API sets PENDING whatever the status is, so a job being printed goes
PRINTING -> PENDING (and is printed twice), an edge the declared machine does not have."""
import enum
import threading
from dataclasses import dataclass


class Status(enum.Enum):
    PENDING = "pending"
    PRINTING = "printing"
    JAMMED = "jammed"


@dataclass
class PrintJob:
    document: str = ""
    status: Status = Status.PENDING


class Spooler:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.jobs: dict[str, PrintJob] = {}

    def take(self, name: str) -> bool:
        with self._lock:
            job = self.jobs[name]
            if job.status is Status.PENDING:
                job.status = Status.PRINTING
                return True
            return False

    def jam(self, name: str) -> None:
        with self._lock:
            job = self.jobs[name]
            if job.status is Status.PRINTING:
                job.status = Status.JAMMED

    def requeue(self, name: str) -> None:
        with self._lock:
            self.jobs[name].status = Status.PENDING
