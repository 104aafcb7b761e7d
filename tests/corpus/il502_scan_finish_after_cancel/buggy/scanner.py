"""IL502 on `LibraryScanner.state`: the scan thread marks the scan DONE without checking it is
still SCANNING, so a `cancel` from the API that lands first is overwritten: CANCELLED -> DONE
is not a declared transition (the UI shows a finished scan that was cancelled)."""
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
            self.found = found
            self.state = ScanState.DONE
