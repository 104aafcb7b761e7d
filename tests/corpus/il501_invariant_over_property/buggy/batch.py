"""IL501 on `DownloadBatch.done`/`total`: the spec states `self.remaining >= 0` over a property
(`total - done`); `finish_one` tests `remaining` before it takes the lock, so two workers
finishing the last download both count it."""
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
        if self.remaining <= 0:
            return
        with self._lock:
            self.done += 1
