"""IL503 on `Transport.state`: `play` checks STOPPED and sets LOADING, loads the file with the
lock released, then sets PLAYING without re-checking; a `stop` in between is overridden and
the player goes STOPPED -> PLAYING."""
import threading
from enum import Enum

class State(Enum):
    STOPPED = 0
    LOADING = 1
    PLAYING = 2

class Transport:
    def __init__(self, decoder):
        self._lock = threading.Lock()
        self._decoder = decoder
        self.state = State.STOPPED

    def play(self, path: str) -> bool:
        with self._lock:
            if self.state != State.STOPPED:
                return False
            self.state = State.LOADING
        self._decoder.open(path)            # slow: runs without the lock
        with self._lock:
            self.state = State.PLAYING
        return True

    def stop(self) -> None:
        with self._lock:
            if self.state == State.STOPPED:
                return
            self.state = State.STOPPED
        self._decoder.close()
