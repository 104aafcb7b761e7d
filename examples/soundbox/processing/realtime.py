"""The realtime DSP chain the playback thread runs on every chunk.

The chain is a list of stages applied in order; the API edits it while music plays, under
`_edit_lock`. The playback thread must never wait for the API, so it takes no lock: bypass
is a `threading.Event` it can test without one.
"""
from __future__ import annotations

import logging
import threading

import numpy as np

from soundbox.processing.dsp import DSPStage, EqualizerStage, GainStage, LimiterStage
from soundbox.processing.meter import LevelMeter

logger = logging.getLogger(__name__)


class RealtimeProcessor:
    """Applies `stages` to each chunk and feeds the level meter."""

    def __init__(self, sample_rate: int, channels: int = 2) -> None:
        self.sample_rate = sample_rate
        self.channels = channels
        self.stages: list[DSPStage] = [LimiterStage()]
        self.meter = LevelMeter(sample_rate, channels)
        self._bypass = threading.Event()
        self._edit_lock = threading.Lock()

    def process(self, chunk: np.ndarray) -> np.ndarray:
        """Run the chain on one chunk; returns a new array."""
        if self._bypass.is_set():
            out = chunk.copy()
        else:
            out = chunk
            for stage in self.stages:
                out = stage.process(out)
            if not np.all(np.isfinite(out)):
                raise FloatingPointError("DSP chain produced non-finite samples")
        self.meter.update(out)
        return out

    def add_stage(self, stage: DSPStage) -> None:
        with self._edit_lock:
            self.stages.append(stage)
        logger.info("DSP stage %s added", stage.name)

    def set_equalizer(self, bands: dict[float, float]) -> None:
        """Insert an EQ in front of the limiter (the limiter stays last)."""
        stage = EqualizerStage(self.sample_rate, bands, self.channels)
        with self._edit_lock:
            self.stages.insert(0, stage)

    def set_gain(self, gain_db: float) -> None:
        stage = GainStage(gain_db)
        with self._edit_lock:
            self.stages.insert(0, stage)

    def clear_stages(self) -> None:
        """Back to the default chain: the limiter alone."""
        with self._edit_lock:
            self.stages.clear()
            self.stages.append(LimiterStage())

    def set_bypass(self, bypass: bool) -> None:
        if bypass:
            self._bypass.set()
        else:
            self._bypass.clear()

    def stage_names(self) -> list[str]:
        with self._edit_lock:
            snapshot = list(self.stages)
        return [stage.name for stage in snapshot]
