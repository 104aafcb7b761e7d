"""IL503 on `Download.state`: `run` checks QUEUED and sets RUNNING in one critical section,
fetches with the lock released, then sets DONE in a second one without re-checking. A
`cancel` from the API in between is overwritten: CANCELLED -> DONE, which the declared machine
forbids. The forbidden transition comes from the stale check, so it is IL503, not IL502."""
import threading
from enum import Enum


class State(Enum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    CANCELLED = "cancelled"


def fetch(url):
    return url


class Download:
    def __init__(self, url):
        self.url = url
        self.state = State.QUEUED
        self._lock = threading.Lock()

    def run(self):
        with self._lock:
            if self.state is not State.QUEUED:
                return
            self.state = State.RUNNING
        fetch(self.url)
        with self._lock:
            self.state = State.DONE

    def cancel(self):
        with self._lock:
            if self.state in (State.QUEUED, State.RUNNING):
                self.state = State.CANCELLED
