"""IL503 on `Encoder.state`: `start` tests the state under the lock, builds the session with the
lock released, and marks the encoder RUNNING in a second critical section. Two API calls of
`start` both see IDLE: both build a session and the first one is overwritten and leaked. The
lock around the test shows `start` is written for callers that race."""
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
        session = Session()
        with self._lock:
            self._session = session
            self.state = RUNNING
        return True

    def stop(self) -> None:
        with self._lock:
            session, self._session = self._session, None
            self.state = IDLE
        if session is not None:
            session.close()
