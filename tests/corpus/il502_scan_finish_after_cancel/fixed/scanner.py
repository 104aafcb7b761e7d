"""Fixed twin: `finish` only completes a scan that is still running."""
import threading
from enum import Enum


class ScanState(Enum):
    IDLE = "idle"
    SCANNING = "scanning"
    DONE = "done"
    CANCELLED = "cancelled"


class LibraryScanner:
    def __init__(self, walker):
        self._lock = threading.Lock()
        self._walker = walker
        self.state = ScanState.IDLE
        self.found = 0

    def start(self) -> bool:
        with self._lock:
            if self.state == ScanState.SCANNING:
                return False
            self.state = ScanState.SCANNING
            return True

    def cancel(self) -> None:
        with self._lock:
            if self.state == ScanState.SCANNING:
                self.state = ScanState.CANCELLED

    def finish(self, found: int) -> None:
        with self._lock:
            if self.state != ScanState.SCANNING:
                return
            self.found = found
            self.state = ScanState.DONE
