"""IL103 on `FolderScanner._paused`: `toggle_pause` (api, many callers) reads the flag and
stores its negation; two clicks that interleave both read False and both store True, so one
toggle is lost. `_stop_requested` is a plain stop flag and stays silent."""
import os
import threading
import time


class FolderScanner:
    def __init__(self, folders):
        self._folders = folders
        self._lock = threading.Lock()
        self._found = []
        self._paused = False
        self._stop_requested = False
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._thread.start()

    def _run(self):
        for folder in self._folders:
            while self._paused:
                time.sleep(0.1)
            if self._stop_requested:
                break
            names = os.listdir(folder)
            with self._lock:
                self._found.extend(names)

    def toggle_pause(self):
        self._paused = not self._paused

    def stop(self):
        self._stop_requested = True

    def found(self):
        with self._lock:
            return list(self._found)
