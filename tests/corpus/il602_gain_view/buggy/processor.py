"""IL602 on `ChunkProcessor._buffer`: `_process` takes `block = self._buffer[a:b]` (a numpy
view, not a copy) and scales it in place on the processing thread, while `read_chunk` (the
audio callback, holding `_lock`) copies the same samples out: half-scaled chunks."""
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
        block = self._buffer[start:start + self.block]
        block *= self.gain

    def read_chunk(self, start):
        with self._lock:
            return self._buffer[start:start + self.block].copy()
