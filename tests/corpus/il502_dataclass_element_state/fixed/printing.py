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
            job = self.jobs[name]
            if job.status is Status.JAMMED:
                job.status = Status.PENDING
