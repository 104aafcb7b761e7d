"""Rate limits reloaded by a watcher thread and swapped in whole; `describe` takes one snapshot and reads both values from it."""
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
        limits = self._limits
        if limits is None:
            return "unlimited"
        return f"{limits.rate}/s, burst {limits.burst}"
