"""Rate limits reloaded by a watcher thread and swapped in whole; `describe` reads the field
twice: the snapshot it tested is not the one it formats."""
import json
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    rate: float
    burst: int


class LimitStore:
    def __init__(self, path):
        self._path = path
        self._limits = Limits(10.0, 20)
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self):
        while True:
            time.sleep(30)
            self._limits = self._read()

    def _read(self):
        with open(self._path) as fh:
            raw = json.load(fh)
        return Limits(float(raw["rate"]), int(raw["burst"]))

    def describe(self):
        if self._limits is None:
            return "unlimited"
        limits = self._limits
        return f"{limits.rate}/s, burst {limits.burst}"
