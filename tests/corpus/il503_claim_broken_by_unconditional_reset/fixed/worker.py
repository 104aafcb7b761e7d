"""Fixed twin: `reset` only moves a finished worker ("done") back to "idle", and `start` only
moves "idle" to "running": no other method writes the state while it is "running", so the claim
`start` made in its first critical section still holds when it stores "done"."""
import threading


def process(batch):
    return [item * 2 for item in batch]


class Worker:
    def __init__(self):
        self._lock = threading.Lock()
        self.state = "idle"
        self.output = []

    def start(self, batch):
        with self._lock:
            if self.state != "idle":
                return False
            self.state = "running"
        output = process(batch)
        with self._lock:
            self.output = output
            self.state = "done"
        return True

    def reset(self):
        with self._lock:
            if self.state != "done":
                return False
            self.output = []
            self.state = "idle"
            return True
