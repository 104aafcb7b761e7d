"""Audio processing: DSP stages, the realtime chain the player runs, chunked offline rendering."""

from soundbox.processing.chunked import ChunkedProcessor
from soundbox.processing.realtime import RealtimeProcessor

__all__ = ["ChunkedProcessor", "RealtimeProcessor"]
