"""The decoded audio of the current track, as one float32 numpy array (frames x channels).

The playback thread reads chunks of it; API calls replace it when the track changes and read
it for waveform previews. `AudioFileManager._lock` guards the buffer and its metadata.
"""
from __future__ import annotations

import logging
import threading

import numpy as np
import soundfile as sf

logger = logging.getLogger(__name__)


def gain_from_db(db: float) -> float:
    return float(10.0 ** (db / 20.0))


def decode_file(path: str) -> tuple[np.ndarray, int]:
    """Decode a whole file to float32 (frames, channels); raises OSError/RuntimeError on failure."""
    data, rate = sf.read(path, dtype="float32", always_2d=True)
    if data.size == 0:
        raise RuntimeError(f"{path}: no audio frames")
    return data, int(rate)


class AudioFileManager:
    """Holds the loaded track's samples and hands out chunks of it."""

    def __init__(self, default_rate: int = 44100) -> None:
        self._lock = threading.Lock()
        self._audio: np.ndarray | None = None
        self._path: str | None = None
        self._sample_rate = default_rate
        self._gain = 1.0

    def replace(self, path: str, audio: np.ndarray, sample_rate: int, replay_gain_db: float = 0.0) -> int:
        """Make decoded audio the current buffer; returns its length in frames.

        Decoding happens before (see `decode_file`): the playback thread reads chunks under
        the same lock and must never wait for disk I/O.
        """
        with self._lock:
            self._audio = audio
            self._path = path
            self._sample_rate = sample_rate
            self._gain = gain_from_db(replay_gain_db)
            return len(audio)

    def read_chunk(self, start: int, frames: int) -> np.ndarray | None:
        """Frames [start, start + frames) with ReplayGain applied; None when nothing is loaded."""
        with self._lock:
            if self._audio is None:
                return None
            end = min(start + frames, len(self._audio))
            chunk = self._audio[start:end]
            gain = self._gain
        if gain != 1.0:
            chunk *= gain
        return chunk

    def total_frames(self) -> int:
        with self._lock:
            return 0 if self._audio is None else len(self._audio)

    def get_sample_rate(self) -> int:
        with self._lock:
            return self._sample_rate

    def current_path(self) -> str | None:
        with self._lock:
            return self._path

    def waveform(self, points: int = 512) -> list[float]:
        """Peak envelope for the seek bar: `points` maxima of |x| over the mono mix."""
        with self._lock:
            if self._audio is None or points <= 0:
                return []
            mono = np.abs(self._audio).max(axis=1)
        edges = np.linspace(0, len(mono), points + 1, dtype=np.int64)
        return [float(mono[a:b].max()) if b > a else 0.0 for a, b in zip(edges[:-1], edges[1:])]
