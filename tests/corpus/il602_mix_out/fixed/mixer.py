"""Fixed twin: normalise into a new array and swap it in under the lock."""
import threading

import numpy as np


class Mixer:
    def __init__(self, frames=1024):
        self._lock = threading.Lock()
        self._mix = np.zeros(frames)
        self._thread = threading.Thread(target=self._mix_loop, daemon=True)

    def start(self):
        self._thread.start()

    def _mix_loop(self):
        while True:
            with self._lock:
                current = self._mix.copy()
            peak = float(np.max(np.abs(current))) or 1.0
            normalised = current / peak
            with self._lock:
                self._mix = normalised

    def snapshot(self):
        with self._lock:
            return self._mix.copy()
