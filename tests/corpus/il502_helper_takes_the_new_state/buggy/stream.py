"""IL502 through a helper that takes the new state: `close()` asks the locked setter
`_set_state` for IDLE, but a stream the worker already started must go through STOPPED.
The write is the helper's; the illegal choice is the caller's, and the finding names it."""
import enum
import threading


class State(enum.Enum):
    IDLE = "idle"
    RUNNING = "running"
    STOPPED = "stopped"


class Stream:
    def __init__(self, source):
        self._source = source
        self._lock = threading.Lock()
        self._state = State.IDLE

    def _set_state(self, new: State) -> None:
        with self._lock:
            self._state = new

    def run(self) -> None:
        with self._lock:
            if self._state is not State.IDLE:
                return
            self._state = State.RUNNING
        self._source.pump()
        self._set_state(State.STOPPED)

    def close(self) -> None:
        self._source.release()
        self._set_state(State.IDLE)
