"""Silent: `start` runs `_run` on a thread through the project's `run_in_thread` helper, and
both the meter thread and `reading()` take the meter's lock around `peak`."""
import threading

import numpy as np

from helpers import run_in_thread


class LevelMeter:
    def __init__(self, source):
        self.source = source
        self.peak = 0.0
        self.running = False
        self._lock = threading.Lock()

    def start(self):
        self.running = True
        run_in_thread(self._run, 1024)

    def _run(self, block_size):
        while self.running:
            block = self.source.read(block_size)
            with self._lock:
                self.peak = float(np.max(np.abs(block)))

    def reading(self):
        with self._lock:
            peak = self.peak
        return {"peak_db": 20 * np.log10(max(peak, 1e-9))}
