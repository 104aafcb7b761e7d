# start_scan() stores SCANNING, progress = 0, total = 0 under the lock and starts the scan thread there:
# the thread starts from those values (not from IDLE, nor with progress left over from a run), so
# progress <= total holds; it stores DONE only while its own run is still SCANNING.
import os
import threading
from enum import Enum


class ScanState(Enum):
    IDLE = "idle"
    SCANNING = "scanning"
    DONE = "done"
    CANCELLED = "cancelled"


AUDIO_EXT = (".flac", ".mp3", ".wav", ".ogg")


class LibraryScanner:
    def __init__(self, root: str):
        self.root = root
        self.state = ScanState.IDLE
        self.progress = 0
        self.total = 0
        self.found: list[str] = []
        self._lock = threading.Lock()
        self._thread = None
        self._generation = 0

    def start_scan(self) -> bool:
        with self._lock:
            if self.state == ScanState.SCANNING:
                return False
            self.state = ScanState.SCANNING
            self.progress = 0
            self.total = 0
            self.found = []
            self._generation += 1
            gen = self._generation
            self._thread = threading.Thread(target=self._scan, args=(gen,), daemon=True)
            self._thread.start()
        return True

    def _scan(self, gen: int) -> None:
        paths = []
        for dirpath, _dirs, files in os.walk(self.root):
            for name in files:
                if name.lower().endswith(AUDIO_EXT):
                    paths.append(os.path.join(dirpath, name))
        with self._lock:
            if self._generation != gen:
                return
            self.total = len(paths)
        for path in paths:
            with self._lock:
                if self._generation != gen or self.state != ScanState.SCANNING:
                    return
                self.found.append(path)
                self.progress += 1
        with self._lock:
            if self._generation == gen and self.state == ScanState.SCANNING:
                self.state = ScanState.DONE

    def cancel(self) -> None:
        with self._lock:
            if self.state == ScanState.SCANNING:
                self.state = ScanState.CANCELLED

    def status(self) -> dict:
        with self._lock:
            return {"state": self.state.value, "progress": self.progress, "total": self.total}
