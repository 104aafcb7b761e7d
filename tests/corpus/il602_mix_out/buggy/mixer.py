"""IL602 on `Mixer._mix`: the mixing thread normalises `_mix` in place with `out=self._mix`
while `snapshot` (api, under `_lock`) reads it for the visualiser: a torn, half-normalised frame."""
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
            peak = float(np.max(np.abs(self._mix))) or 1.0
            np.multiply(self._mix, 1.0 / peak, out=self._mix)

    def snapshot(self):
        with self._lock:
            return self._mix.copy()
