"""The play queue: an ordered list of tracks and the index of the one playing.

`current_index` is -1 before playback starts and always below `len(tracks)`. Both fields are
guarded by `QueueManager._lock`; the API threads and the playback thread share one instance.
"""
from __future__ import annotations

import json
import logging
import random
import threading
from dataclasses import asdict
from typing import Iterable

from soundbox.player.types import TrackInfo

logger = logging.getLogger(__name__)


class QueueManager:
    """Thread-safe play queue."""

    def __init__(self, tracks: Iterable[TrackInfo] = ()) -> None:
        self._lock = threading.Lock()
        self.tracks: list[TrackInfo] = list(tracks)
        self.current_index = -1

    def set_tracks(self, tracks: Iterable[TrackInfo], start_index: int = -1) -> None:
        """Replace the queue; `start_index` is clamped to the new list."""
        with self._lock:
            self.tracks = list(tracks)
            index = start_index if start_index >= -1 else -1
            if index >= len(self.tracks):
                index = len(self.tracks) - 1
            self.current_index = index
            logger.info("queue replaced: %d tracks, index %d", len(self.tracks), self.current_index)

    def add_tracks(self, tracks: Iterable[TrackInfo]) -> int:
        """Append tracks at the end of the queue; returns the new length."""
        new = list(tracks)
        self.tracks.extend(new)
        logger.debug("queued %d tracks", len(new))
        return len(new)

    def current_track(self) -> TrackInfo | None:
        with self._lock:
            if self.current_index < 0:
                return None
            return self.tracks[self.current_index]

    def peek_next(self) -> TrackInfo | None:
        with self._lock:
            nxt = self.current_index + 1
            return self.tracks[nxt] if nxt < len(self.tracks) else None

    def advance(self) -> TrackInfo | None:
        """Move to the next track and return it, or None at the end of the queue."""
        with self._lock:
            if self.current_index + 1 >= len(self.tracks):
                return None
            self.current_index += 1
            return self.tracks[self.current_index]

    def go_back(self) -> TrackInfo | None:
        with self._lock:
            if self.current_index <= 0:
                return None
            self.current_index -= 1
            return self.tracks[self.current_index]

    def jump_to(self, index: int) -> TrackInfo:
        with self._lock:
            if index < 0 or index >= len(self.tracks):
                raise IndexError(f"queue index {index} out of range (0..{len(self.tracks) - 1})")
            self.current_index = index
            return self.tracks[index]

    def remove_track(self, index: int) -> bool:
        """Remove one entry, keeping `current_index` on the same track when possible."""
        with self._lock:
            if index < 0 or index >= len(self.tracks):
                return False
            del self.tracks[index]
            if index < self.current_index:
                self.current_index -= 1
            elif index == self.current_index and self.current_index >= len(self.tracks):
                # The next track slides into place; at the end of the list step back onto the last one.
                self.current_index = len(self.tracks) - 1
            return True

    def clear(self) -> None:
        with self._lock:
            self.tracks.clear()
            self.current_index = -1

    def shuffle(self, keep_current: bool = True) -> None:
        """Shuffle the queue; the playing track moves to the front so playback is not disturbed."""
        with self._lock:
            current = self.current_track() if keep_current else None
            rest = list(self.tracks)
            if current is not None:
                del rest[self.current_index]
            random.shuffle(rest)
            self.tracks = [current, *rest] if current is not None else rest
            self.current_index = 0 if current is not None else -1

    def snapshot(self) -> tuple[tuple[TrackInfo, ...], int]:
        """An immutable copy for status responses."""
        with self._lock:
            return tuple(self.tracks), self.current_index

    def save(self, path: str) -> None:
        """Persist the queue as JSON so it survives a restart (called after every edit)."""
        with self._lock:
            tracks = list(self.tracks)
            state = {"index": self.current_index, "tracks": [asdict(t) for t in tracks]}
            with open(path, "w", encoding="utf-8") as fh:
                json.dump(state, fh)
        logger.debug("queue saved to %s", path)

    def __len__(self) -> int:
        with self._lock:
            return len(self.tracks)
