"""AudioPlayer: the facade the backend talks to, assembled from PlaybackMixin and QueueMixin."""
from __future__ import annotations

import logging
import queue
import threading

import numpy as np

from soundbox.player.controller import PlaybackController
from soundbox.player.file_manager import AudioFileManager
from soundbox.player.gapless import GaplessEngine
from soundbox.player.playback import PlaybackMixin, TrackListener
from soundbox.player.queue import QueueManager
from soundbox.player.queue_mixin import QueueMixin
from soundbox.player.types import PlayerConfig, TrackInfo
from soundbox.processing.realtime import RealtimeProcessor

logger = logging.getLogger(__name__)


class AudioPlayer(PlaybackMixin, QueueMixin):
    """One player instance per process; safe to call from any thread."""

    def __init__(self, config: PlayerConfig | None = None, processor: RealtimeProcessor | None = None) -> None:
        self.config = config or PlayerConfig()
        self.controller = PlaybackController()
        self.file_manager = AudioFileManager(self.config.sample_rate)
        self.queue = QueueManager()
        self.gapless = GaplessEngine()
        self.processor = processor or RealtimeProcessor(self.config.sample_rate)
        self.output: queue.Queue[np.ndarray] = queue.Queue(maxsize=self.config.output_queue_chunks)
        self.current_track: TrackInfo | None = None
        self.last_error: str | None = None
        self._track_lock = threading.Lock()
        self._thread_lock = threading.Lock()
        self._listener_lock = threading.Lock()
        self._track_listeners: list[TrackListener] = []
        self._shutdown = threading.Event()
        self._wake = threading.Event()
        self._playback_thread: threading.Thread | None = None
        logger.info("player created (%d Hz, %d-frame chunks)", self.config.sample_rate, self.config.chunk_frames)

    # -- DSP controls (the chain itself lives in the processor) ------------------------------

    def set_equalizer(self, bands: dict[float, float]) -> None:
        self.processor.set_equalizer(bands)

    def set_gain(self, gain_db: float) -> None:
        self.processor.set_gain(gain_db)

    def reset_dsp(self) -> None:
        self.processor.clear_stages()

    def set_bypass(self, bypass: bool) -> None:
        self.processor.set_bypass(bypass)

    def dsp_status(self) -> dict:
        return {"stages": self.processor.stage_names(), "levels": self.processor.meter.get_levels()}

    def read_output(self, timeout: float = 1.0) -> np.ndarray | None:
        """The next rendered chunk for the audio device or a stream, or None on timeout."""
        try:
            return self.output.get(timeout=timeout)
        except queue.Empty:
            return None

    def __enter__(self) -> "AudioPlayer":
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
