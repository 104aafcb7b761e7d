"""Fixed twin: the writer takes the same lock as the reader for the slice assignment."""
import threading

import numpy as np


class RingBuffer:
    def __init__(self, decoder, size=8192):
        self._lock = threading.Lock()
        self._ring = np.zeros(size, dtype=np.float32)
        self.size = size
        self.decoder = decoder
        threading.Thread(target=self._fill, daemon=True).start()

    def _fill(self):
        pos = 0
        for block in self.decoder.blocks(1024):
            end = pos + len(block)
            with self._lock:
                self._ring[pos:end] = block
            pos = end % self.size

    def read(self, start, n):
        with self._lock:
            return self._ring[start:start + n].copy()
