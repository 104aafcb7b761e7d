"""Fixed twin: `begin` checks and moves the phase in one critical section; the setter is only
used where no check precedes it."""
import threading


class Upload:
    def __init__(self):
        self._lock = threading.Lock()
        self.phase = "pending"

    def _enter(self, phase):
        with self._lock:
            self.phase = phase

    def begin(self):
        with self._lock:
            if self.phase != "pending":
                return False
            self.phase = "sending"
        return True

    def finish(self):
        with self._lock:
            if self.phase == "sending":
                self.phase = "sent"

    def reset(self):
        self._enter("pending")
