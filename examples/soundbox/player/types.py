"""Small immutable value types shared by the player modules."""
from __future__ import annotations

from dataclasses import dataclass


class PlayerError(RuntimeError):
    """Raised when a track cannot be loaded or the player is in the wrong state."""


@dataclass(frozen=True)
class TrackInfo:
    """A queue entry. Frozen: queue snapshots can be handed to other threads as they are."""

    track_id: int
    path: str
    title: str = ""
    artist: str = ""
    replay_gain_db: float = 0.0

    @property
    def display_name(self) -> str:
        return f"{self.artist} - {self.title}" if self.artist else (self.title or self.path)


@dataclass(frozen=True)
class PlayerConfig:
    """Engine tuning; read-only after construction."""

    sample_rate: int = 44100
    chunk_frames: int = 4096
    output_queue_chunks: int = 8
    prebuffer_seconds: float = 10.0
    idle_poll_seconds: float = 0.05
    queue_file: str | None = None        # where the queue is persisted between runs
