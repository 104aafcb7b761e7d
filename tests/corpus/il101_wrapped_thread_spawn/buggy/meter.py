"""IL101 on `LevelMeter.peak`: `start` runs `_run` on a thread through the project's
`run_in_thread` helper (helpers.py), which writes `peak` while the UI calls `reading()` from its
own thread; the class has no lock at all."""
import numpy as np

from helpers import run_in_thread


class LevelMeter:
    def __init__(self, source):
        self.source = source
        self.peak = 0.0
        self.running = False

    def start(self):
        self.running = True
        run_in_thread(self._run, 1024)

    def _run(self, block_size):
        while self.running:
            block = self.source.read(block_size)
            self.peak = float(np.max(np.abs(block)))

    def reading(self):
        return {"peak_db": 20 * np.log10(max(self.peak, 1e-9))}
