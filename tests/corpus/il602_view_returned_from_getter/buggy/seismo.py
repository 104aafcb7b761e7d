"""IL602 on `Seismograph._trace`: `window` returns a slice of the trace from under the lock. For
a numpy array that slice is a view, not a copy, so the detector thread runs its STA/LTA on
samples that `_acquire` keeps overwriting in place (`np.copyto` into the same rows) after the
lock is released: the detector can see a window that is half this sweep, half the next."""
import threading

import numpy as np


class Seismograph:
    def __init__(self, channels: int, length: int):
        self._guard = threading.Lock()
        self._trace = np.zeros((channels, length), dtype=np.float64)
        self._head = 0
        threading.Thread(target=self._acquire, daemon=True).start()

    def _acquire(self) -> None:
        while True:
            burst = np.random.standard_normal((self._trace.shape[0], 64))
            with self._guard:
                np.copyto(self._trace[:, self._head:self._head + 64], burst)
                self._head = (self._head + 64) % (self._trace.shape[1] - 64)

    def window(self, channel: int, width: int) -> np.ndarray:
        with self._guard:
            return self._trace[channel, :width]


def detect(station: Seismograph) -> None:
    while True:
        w = station.window(0, 512)
        short, long_ = np.mean(np.abs(w[-32:])), np.mean(np.abs(w)) + 1e-9
        if short / long_ > 4.0:
            print("event")


threading.Thread(target=detect, args=(Seismograph(3, 4096),), daemon=True).start()
