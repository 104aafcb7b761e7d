"""Fixed twin: `run` completes the download only if it is still RUNNING after the fetch."""
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
            if self.state is State.RUNNING:
                self.state = State.DONE

    def cancel(self):
        with self._lock:
            if self.state in (State.QUEUED, State.RUNNING):
                self.state = State.CANCELLED
