"""Fixed: `start` validates its total and sets it with the state in one critical section. `retry`
resets the count to 0 from FAILED; that keeps `received <= total` because no call ever makes
the total negative (a state the FAILED scenario must not start from)."""
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
            if self.state == State.FAILED:
                self.state = State.IDLE
                self.received = 0
