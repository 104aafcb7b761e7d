"""IL602 on `Sampler._wave`: `next_block` slices a block of the wave under the lock (a numpy view,
not a copy) and mixes it after releasing the lock, while `normalize` rescales the whole wave in
place under the same lock: the playback thread can mix a block that is half old scale, half new."""
import threading

import numpy as np


class Sampler:
    def __init__(self, wave):
        self._lock = threading.Lock()
        self._wave = np.asarray(wave, dtype=np.float32)
        self._cursor = 0
        threading.Thread(target=self._play, daemon=True).start()

    def next_block(self, n: int) -> float:
        with self._lock:
            block = self._wave[self._cursor:self._cursor + n]
            self._cursor += n
        return float(np.sum(block * 0.5))

    def _play(self) -> None:
        while True:
            self.next_block(256)

    def normalize(self, peak: float) -> None:
        with self._lock:
            self._wave *= peak / max(float(np.max(np.abs(self._wave))), 1e-9)
