"""IL503 on `Upload.phase`, no spec: `begin` checks that the upload is pending in one critical
section and moves it to "sending" through the locked setter `_enter(phase)`, a second critical
section. Two callers both see "pending" and both start sending the same file."""
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
            pending = self.phase == "pending"
        if not pending:
            return False
        self._enter("sending")
        return True

    def finish(self):
        with self._lock:
            if self.phase == "sending":
                self.phase = "sent"
