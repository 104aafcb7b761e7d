"""Fixed twin: the idle transition is checked and made under the lock `stop()` takes."""
import enum
import queue
import threading


class State(enum.Enum):
    IDLE = "idle"
    BUSY = "busy"
    STOPPED = "stopped"


class Worker:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._q: queue.Queue = queue.Queue()
        self.state = State.BUSY
        self.processed = 0

    def stop(self) -> None:
        with self._lock:
            self.state = State.STOPPED

    def run_once(self) -> None:
        try:
            item = self._q.get(timeout=0.1)
        except queue.Empty:
            with self._lock:
                if self.state == State.BUSY:
                    self.state = State.IDLE
            return
        with self._lock:
            self.processed += 1
