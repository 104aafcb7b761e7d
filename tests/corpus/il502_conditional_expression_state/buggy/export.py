"""IL502 on `Export.state`: the export thread records its outcome with a conditional
expression and no look at the current state, so a `cancel` from the API that lands while the
file is written is overwritten: CANCELLED -> DONE (or -> FAILED) is not a declared transition."""
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
            self.state = DONE if ok else FAILED
