"""Fixed twin: `finish_one` tests `remaining` under the lock that counts."""
import threading


class DownloadBatch:
    def __init__(self, total: int = 3):
        self._lock = threading.Lock()
        self.total = total
        self.done = 0

    @property
    def remaining(self) -> int:
        return self.total - self.done

    def finish_one(self) -> None:
        with self._lock:
            if self.remaining <= 0:
                return
            self.done += 1
