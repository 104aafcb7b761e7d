"""Hot-reloaded settings kept in one dict that the watcher thread updates in place while
readers look values up in it, without a lock."""
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
        return dict(json.load(f))


class SettingsWatcher:
    def __init__(self, path):
        self.path = path
        self._current = load(path)
        self._mtime = os.path.getmtime(path)
        threading.Thread(target=self._watch, daemon=True).start()

    def current(self):
        return Settings(volume=self._current["volume"], device=self._current["device"])

    def _watch(self):
        while True:
            time.sleep(1.0)
            mtime = os.path.getmtime(self.path)
            if mtime != self._mtime:
                self._mtime = mtime
                self._current.update(load(self.path))
