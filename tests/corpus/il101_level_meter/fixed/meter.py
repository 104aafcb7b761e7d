"""Fixed twin: the meter publishes its reading under a lock."""
import threading

import numpy as np


class LevelMeter:
    def __init__(self, source):
        self.source = source
        self._lock = threading.Lock()
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
            peak = float(np.max(np.abs(block)))
            with self._lock:
                self.peak = peak

    def reading(self):
        with self._lock:
            peak = self.peak
        return {"peak_db": 20 * np.log10(max(peak, 1e-9))}
