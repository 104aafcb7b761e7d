"""Fixed twin: the outcome is recorded only while the export is still WRITING."""
import threading

PENDING, WRITING, DONE, FAILED, CANCELLED = "pending", "writing", "done", "failed", "cancelled"


class Export:
    def __init__(self, rows):
        self._lock = threading.Lock()
        self._rows = rows
        self.state = PENDING

    def start(self) -> None:
        with self._lock:
            if self.state != PENDING:
                return
            self.state = WRITING
        threading.Thread(target=self._run).start()

    def cancel(self) -> None:
        with self._lock:
            if self.state == WRITING:
                self.state = CANCELLED

    def _run(self) -> None:
        ok = len(self._rows) > 0
        with self._lock:
            if self.state == WRITING:
                self.state = DONE if ok else FAILED
