"""Fixed twin: the test and the transition are one critical section."""
import threading

IDLE, RUNNING = "idle", "running"


class Session:
    def __init__(self):
        self.frames = []

    def close(self):
        self.frames.clear()


class Encoder:
    def __init__(self):
        self._lock = threading.Lock()
        self.state = IDLE
        self._session = None

    def start(self) -> bool:
        with self._lock:
            if self.state != IDLE:
                return False
            self._session = Session()
            self.state = RUNNING
        return True

    def stop(self) -> None:
        with self._lock:
            session, self._session = self._session, None
            self.state = IDLE
        if session is not None:
            session.close()
