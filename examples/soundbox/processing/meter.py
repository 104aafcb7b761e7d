"""Per-band level meter for the UI: RMS per frequency band and channel, with peak hold.

`update` runs on the playback thread for every chunk; `get_levels` and listeners serve the
UI. `LevelMeter._lock` guards the peak table.
"""
from __future__ import annotations

import logging
import threading
from typing import Callable

import numpy as np

logger = logging.getLogger(__name__)

LevelListener = Callable[[list[list[float]]], None]
DEFAULT_BANDS = ((20, 250), (250, 2000), (2000, 6000), (6000, 20000))


class LevelMeter:
    def __init__(self, sample_rate: int, channels: int = 2, bands=DEFAULT_BANDS, decay: float = 0.92) -> None:
        self._lock = threading.Lock()
        self.sample_rate = sample_rate
        self.channels = channels
        self.bands = tuple(bands)
        self.decay = decay
        self._peaks = [[0.0] * channels] * len(self.bands)
        self._listeners: list[LevelListener] = []

    def add_listener(self, listener: LevelListener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def update(self, chunk: np.ndarray) -> None:
        """Fold one chunk into the peak table and tell the listeners."""
        spectrum = np.abs(np.fft.rfft(chunk, axis=0))
        freqs = np.fft.rfftfreq(len(chunk), 1.0 / self.sample_rate)
        levels = []
        for lo, hi in self.bands:
            mask = (freqs >= lo) & (freqs < hi)
            band = spectrum[mask] if mask.any() else np.zeros((1, chunk.shape[1]))
            levels.append([float(np.sqrt(np.mean(band[:, ch] ** 2))) for ch in range(min(self.channels, chunk.shape[1]))])
        with self._lock:
            for b, row in enumerate(levels):
                for ch, value in enumerate(row):
                    self._peaks[b][ch] = max(value, self._peaks[b][ch] * self.decay)
            snapshot = [list(row) for row in self._peaks]
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(snapshot)
            except Exception:
                logger.exception("level listener failed")

    def get_levels(self) -> list[list[float]]:
        with self._lock:
            return [list(row) for row in self._peaks]

    def reset(self) -> None:
        with self._lock:
            for row in self._peaks:
                for ch in range(len(row)):
                    row[ch] = 0.0
