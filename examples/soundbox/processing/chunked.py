"""Chunked offline rendering for streaming: a track is cut into overlapping chunks, each chunk is
processed on a worker pool, and the results are stitched back together with crossfades.

Workers get their own DSP chain per chunk and their own scratch buffers (thread-local), so
the only state they share is the statistics counter.
"""
from __future__ import annotations

import logging
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Iterator

import numpy as np

from soundbox.processing.dsp import EqualizerStage, LimiterStage, crossfade

logger = logging.getLogger(__name__)


class ChunkedProcessor:
    """Renders tracks chunk by chunk on a thread pool."""

    def __init__(self, sample_rate: int, chunk_seconds: float = 10.0, overlap_seconds: float = 0.25,
                 max_workers: int = 2, eq_bands: dict[float, float] | None = None) -> None:
        self.sample_rate = sample_rate
        self.chunk_frames = int(chunk_seconds * sample_rate)
        self.overlap_frames = int(overlap_seconds * sample_rate)
        self.eq_bands = dict(eq_bands or {})
        self.chunks_processed = 0
        self._executor = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="chunk-worker")
        self._local = threading.local()

    def chunk_count(self, total_frames: int) -> int:
        return max(1, -(-total_frames // self.chunk_frames))

    def submit_track(self, audio: np.ndarray) -> list[Future]:
        """Queue every chunk of `audio`; results come back in chunk order."""
        futures = []
        for index in range(self.chunk_count(len(audio))):
            futures.append(self._executor.submit(self._process_chunk, audio, index))
        logger.debug("submitted %d chunks", len(futures))
        return futures

    def render_chunk(self, audio: np.ndarray, index: int) -> np.ndarray:
        """Render one chunk on the calling thread (the streaming path renders on demand)."""
        return self._process_chunk(audio, index)

    def iter_processed(self, audio: np.ndarray) -> Iterator[np.ndarray]:
        """Processed chunks in order, crossfaded over the overlap; blocks on each worker result."""
        previous_tail: np.ndarray | None = None
        for future in self.submit_track(audio):
            chunk = future.result()
            if previous_tail is not None and self.overlap_frames:
                head = crossfade(previous_tail, chunk[:self.overlap_frames])
                chunk = np.concatenate([head, chunk[self.overlap_frames:]])
            if self.overlap_frames and len(chunk) > self.overlap_frames:
                previous_tail = chunk[-self.overlap_frames:].copy()
                chunk = chunk[:-self.overlap_frames]
            yield chunk
        if previous_tail is not None:
            yield previous_tail

    def _scratch(self, frames: int, channels: int) -> np.ndarray:
        """A per-worker buffer, reused across chunks of the same worker thread."""
        buf = getattr(self._local, "buffer", None)
        if buf is None or buf.shape[0] < frames or buf.shape[1] != channels:
            buf = np.empty((frames, channels), dtype=np.float32)
            self._local.buffer = buf
        return buf[:frames]

    def _process_chunk(self, audio: np.ndarray, index: int) -> np.ndarray:
        start = index * self.chunk_frames
        # Each chunk carries the overlap of the next one so the seams can be crossfaded.
        end = min(start + self.chunk_frames + self.overlap_frames, len(audio))
        work = self._scratch(end - start, audio.shape[1])
        np.copyto(work, audio[start:end])
        stages = [EqualizerStage(self.sample_rate, self.eq_bands, audio.shape[1])] if self.eq_bands else []
        stages.append(LimiterStage())
        out = work
        for stage in stages:
            out = stage.process(out)
        self.chunks_processed += 1
        logger.debug("chunk %d rendered (%d frames)", index, len(out))
        return np.array(out, dtype=np.float32, copy=True)

    def stats(self) -> dict[str, int]:
        return {"chunks_processed": self.chunks_processed, "chunk_frames": self.chunk_frames}

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
