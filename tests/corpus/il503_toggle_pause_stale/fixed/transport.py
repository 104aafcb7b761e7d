"""Fixed twin: the check and the write are one critical section."""
import threading
from enum import Enum


class State(Enum):
    STOPPED = 0
    PLAYING = 1
    PAUSED = 2


class Transport:
    def __init__(self):
        self._lock = threading.Lock()
        self.state = State.PLAYING

    def toggle_pause(self) -> None:
        with self._lock:
            playing = self.state == State.PLAYING
            paused = self.state == State.PAUSED
            if not playing and not paused:
                return
            self.state = State.PAUSED if playing else State.PLAYING

    def stop(self) -> None:
        with self._lock:
            self.state = State.STOPPED
