"""Silent: `_paused` and `_stop_requested` are cooperative flags. `pause`, `resume` and `stop`
(api) only store True or False, and the scan thread only tests them in its loop conditions;
one reference store and one load are atomic, so the worker sees the request at its next test."""
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

    def pause(self):
        self._paused = True

    def resume(self):
        self._paused = False

    def stop(self):
        self._stop_requested = True

    def found(self):
        with self._lock:
            return list(self._found)
