"""IL101 on `LevelMeter.peak`: the metering thread (`_run`) writes `peak` and `rms` while the
UI calls `reading()` from its own thread; the class has no lock at all."""
import threading

import numpy as np


class LevelMeter:
    def __init__(self, source):
        self.source = source
        self.peak = 0.0
        self._running = threading.Event()
        self._thread = threading.Thread(target=self._run, name="meter", daemon=True)

    def start(self):
        self._running.set()
        self._thread.start()

    def stop(self):
        self._running.clear()

    def _run(self):
        while self._running.is_set():
            block = self.source.read(1024)
            self.peak = float(np.max(np.abs(block)))

    def reading(self):
        return {"peak_db": 20 * np.log10(max(self.peak, 1e-9))}
