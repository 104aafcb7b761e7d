"""Upload quota accounting, shared by every request through app.state."""
import threading


class QuotaService:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self._lock = threading.Lock()

    def charge(self, size: int) -> bool:
        if size > self.limit:
            return False
        with self._lock:
            self.used += size
        return True
