"""An FFT worker fills a spectrum array in place; a GUI timer reads it for drawing."""
import queue
import threading

import numpy as np

BINS = 1024


class SpectrumAnalyzer:
    def __init__(self):
        self._lock = threading.Lock()
        self._spectrum = np.zeros(BINS, dtype=np.float32)
        self._window = np.hanning(BINS * 2).astype(np.float32)
        self.blocks = queue.Queue(maxsize=4)
        self._worker = threading.Thread(target=self._run, daemon=True)

    def start(self):
        self._worker.start()

    def _run(self):
        while True:
            block = self.blocks.get()
            if block is None:
                return
            mags = np.abs(np.fft.rfft(block * self._window))[:BINS]
            with self._lock:
                np.copyto(self._spectrum, mags)

    def spectrum(self):
        with self._lock:
            current = self._spectrum
        return current


class SpectrumView:
    def __init__(self, analyzer):
        self.analyzer = analyzer
        self.bars = np.zeros(64)

    def on_timer(self):
        spec = self.analyzer.spectrum()
        self.bars = spec.reshape(64, -1).max(axis=1)
        return self.bars


if __name__ == "__main__":
    a = SpectrumAnalyzer()
    a.start()
    view = SpectrumView(a)
    for _ in range(3):
        a.blocks.put(np.random.rand(BINS * 2).astype(np.float32))
        view.on_timer()
    a.blocks.put(None)
