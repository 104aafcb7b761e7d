"""IL503 on `Transport.state`: `toggle_pause` reads the state in one critical section and
writes PAUSED/PLAYING in another; a `stop` in between is overwritten (STOPPED -> PAUSED), an
outcome no serial order of toggle_pause and stop produces."""
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
        with self._lock:
            self.state = State.PAUSED if playing else State.PLAYING

    def stop(self) -> None:
        with self._lock:
            self.state = State.STOPPED
