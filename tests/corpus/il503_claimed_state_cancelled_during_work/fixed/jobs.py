"""Fixed twin: after the work `run` stores DONE only if the job is still RUNNING, testing the
state again in the storing critical section; a cancellation that came first stands."""
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
            if self.state == RUNNING:
                self.result = result
                self.state = DONE

    def cancel(self):
        with self._lock:
            if self.state in (PENDING, RUNNING):
                self.state = CANCELLED
