"""Hot-reloaded settings: a watcher thread re-reads the file and swaps in a new frozen
`Settings` built by `load`; readers take the current object in one read. No lock is needed:
the object is never changed after it is stored."""
import json
import os
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    volume: float = 0.8
    device: str = "default"


def load(path):
    with open(path) as f:
        raw = json.load(f)
    return Settings(volume=float(raw.get("volume", 0.8)), device=str(raw.get("device", "default")))


class SettingsWatcher:
    def __init__(self, path):
        self.path = path
        self._current = load(path)
        self._mtime = os.path.getmtime(path)
        threading.Thread(target=self._watch, daemon=True).start()

    def current(self):
        return self._current

    def _watch(self):
        while True:
            time.sleep(1.0)
            mtime = os.path.getmtime(self.path)
            if mtime != self._mtime:
                self._mtime = mtime
                self._current = load(self.path)
