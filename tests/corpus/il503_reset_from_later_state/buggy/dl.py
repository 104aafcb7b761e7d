"""IL503 on `Download.state`: `retry` checks FAILED under the lock and resets the state and the
count after releasing it; a `cancel`/`start` in between is lost (and both writes race with the
download thread, IL102)."""
import enum
import threading


class State(enum.Enum):
    IDLE = 1
    RUNNING = 2
    DONE = 3
    FAILED = 4


class Download:
    def __init__(self):
        self._lock = threading.Lock()
        self.state = State.IDLE
        self.received = 0
        self.total = 0
        self._t = None

    def start(self, total):
        if total < 0:
            raise ValueError(total)
        with self._lock:
            if self.state != State.IDLE:
                return
            self.total = total
            self.state = State.RUNNING
            self._t = threading.Thread(target=self._run)
        self._t.start()

    def _run(self):
        while True:
            with self._lock:
                if self.state != State.RUNNING:
                    return
                if self.received >= self.total:
                    self.state = State.DONE
                    return
                self.received += 1

    def cancel(self):
        with self._lock:
            if self.state == State.RUNNING:
                self.state = State.FAILED

    def retry(self):
        with self._lock:
            if self.state != State.FAILED:
                return
        self.state = State.IDLE
        self.received = 0
