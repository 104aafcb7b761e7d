"""DSP stages: gain, peaking EQ (biquads) and a soft limiter, on float32 (frames, channels) arrays.

Stages return new arrays and never modify their input; a stage's filter memory belongs to
the one thread that runs its chain.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.signal import lfilter


@dataclass(frozen=True)
class BiquadCoefficients:
    b: tuple[float, float, float]
    a: tuple[float, float, float]


def peaking_eq(sample_rate: int, freq: float, gain_db: float, q: float = 1.0) -> BiquadCoefficients:
    """RBJ cookbook peaking filter."""
    amp = 10.0 ** (gain_db / 40.0)
    w0 = 2.0 * math.pi * freq / sample_rate
    alpha = math.sin(w0) / (2.0 * q)
    cos_w0 = math.cos(w0)
    a0 = 1.0 + alpha / amp
    b = (1.0 + alpha * amp, -2.0 * cos_w0, 1.0 - alpha * amp)
    a = (a0, -2.0 * cos_w0, 1.0 - alpha / amp)
    return BiquadCoefficients(tuple(x / a0 for x in b), tuple(x / a0 for x in a))


def crossfade(tail: np.ndarray, head: np.ndarray) -> np.ndarray:
    """Equal-power crossfade of two equally long blocks; returns a new block."""
    n = min(len(tail), len(head))
    t = np.linspace(0.0, 1.0, n, dtype=np.float32)[:, None]
    return tail[:n] * np.cos(t * np.pi / 2) + head[:n] * np.sin(t * np.pi / 2)


class DSPStage:
    name = "stage"

    def process(self, chunk: np.ndarray) -> np.ndarray:
        raise NotImplementedError


class GainStage(DSPStage):
    name = "gain"

    def __init__(self, gain_db: float) -> None:
        self.gain = float(10.0 ** (gain_db / 20.0))

    def process(self, chunk: np.ndarray) -> np.ndarray:
        return chunk * self.gain


class EqualizerStage(DSPStage):
    """A bank of peaking filters; keeps per-band filter state between chunks."""

    name = "eq"

    def __init__(self, sample_rate: int, bands: dict[float, float], channels: int = 2) -> None:
        self.coefficients = [peaking_eq(sample_rate, f, g) for f, g in sorted(bands.items())]
        self._state = [np.zeros((2, channels), dtype=np.float64) for _ in self.coefficients]

    def process(self, chunk: np.ndarray) -> np.ndarray:
        out = chunk.astype(np.float64)
        for i, coeffs in enumerate(self.coefficients):
            out, self._state[i] = lfilter(coeffs.b, coeffs.a, out, axis=0, zi=self._state[i])
        return out.astype(np.float32)


class LimiterStage(DSPStage):
    name = "limiter"

    def __init__(self, ceiling: float = 0.98) -> None:
        self.ceiling = ceiling

    def process(self, chunk: np.ndarray) -> np.ndarray:
        return np.tanh(chunk / self.ceiling) * self.ceiling
