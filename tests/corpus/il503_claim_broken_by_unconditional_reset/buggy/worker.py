"""IL503 on `Worker.state`, no spec: `start` tests "idle" and claims "running" in one critical
section, works with the lock released, then stores "done". `reset` stores "idle" whatever the
state, so it can end the claim while the work runs: a second `start` then claims "running" too,
and the first one's "done" lands while the second is still working."""
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
            self.output = []
            self.state = "idle"
