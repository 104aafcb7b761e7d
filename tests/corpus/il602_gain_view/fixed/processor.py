"""Fixed twin: scale into a new array, publish it under the readers' lock."""
import threading

import numpy as np


class ChunkProcessor:
    def __init__(self, frames=4096, block=512):
        self._lock = threading.Lock()
        self._buffer = np.zeros(frames, dtype=np.float32)
        self.block = block
        self.gain = 0.8
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        for start in range(0, 4096, self.block):
            self._process(start)

    def _process(self, start):
        block = self._buffer[start:start + self.block] * self.gain
        with self._lock:
            self._buffer[start:start + self.block] = block

    def read_chunk(self, start):
        with self._lock:
            return self._buffer[start:start + self.block].copy()
