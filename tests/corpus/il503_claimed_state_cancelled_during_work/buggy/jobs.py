"""IL503 on `Job.state`, no spec: `run` tests PENDING and claims RUNNING in one critical section,
does the work with the lock released, then stores DONE in a second section without testing the
state again. The claim does not protect that store: `cancel` legitimately moves RUNNING to
CANCELLED while the work runs, and `run` then overwrites the cancellation with DONE."""
import threading

PENDING, RUNNING, DONE, CANCELLED = "pending", "running", "done", "cancelled"


def work(payload):
    return sum(payload)


class Job:
    def __init__(self, payload):
        self._lock = threading.Lock()
        self.state = PENDING
        self.payload = payload
        self.result = None

    def run(self):
        with self._lock:
            if self.state != PENDING:
                return
            self.state = RUNNING
        result = work(self.payload)
        with self._lock:
            self.result = result
            self.state = DONE

    def cancel(self):
        with self._lock:
            if self.state in (PENDING, RUNNING):
                self.state = CANCELLED
