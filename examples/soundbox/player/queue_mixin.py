"""QueueMixin: queue navigation for AudioPlayer (next/previous/jump, editing the queue)."""
from __future__ import annotations

import logging
from typing import Iterable

from soundbox.player.gapless import GaplessEngine
from soundbox.player.queue import QueueManager
from soundbox.player.types import PlayerConfig, TrackInfo

logger = logging.getLogger(__name__)


class QueueMixin:
    config: PlayerConfig
    queue: QueueManager
    gapless: GaplessEngine

    def _persist_queue(self) -> None:
        if self.config.queue_file:
            try:
                self.queue.save(self.config.queue_file)
            except OSError as exc:
                logger.warning("cannot save the queue: %s", exc)

    def set_queue(self, tracks: Iterable[TrackInfo], start_index: int = 0) -> None:
        """Replace the queue and load the track at `start_index`."""
        self.queue.set_tracks(tracks, start_index)
        self.gapless.invalidate()
        self._persist_queue()
        track = self.queue.current_track()
        if track is not None:
            self._switch_track(track)

    def add_to_queue(self, tracks: Iterable[TrackInfo]) -> int:
        added = self.queue.add_tracks(tracks)
        self._persist_queue()
        self._prefetch_next()
        return added

    def next_track(self) -> bool:
        track = self.queue.advance()
        if track is None:
            return False
        self.gapless.invalidate()
        self._switch_track(track)
        return self.play()

    def previous_track(self) -> bool:
        track = self.queue.go_back()
        if track is None:
            return False
        self.gapless.invalidate()
        self._switch_track(track)
        return self.play()

    def jump_to(self, index: int) -> bool:
        try:
            track = self.queue.jump_to(index)
        except IndexError:
            logger.warning("jump to invalid queue index %d", index)
            return False
        self.gapless.invalidate()
        self._switch_track(track)
        return self.play()

    def remove_from_queue(self, index: int) -> bool:
        removed = self.queue.remove_track(index)
        if removed:
            self.gapless.invalidate()
            self._persist_queue()
            self._prefetch_next()
        return removed

    def clear_queue(self) -> None:
        self.queue.clear()
        self.gapless.invalidate()
        self._persist_queue()

    def shuffle_queue(self) -> None:
        self.queue.shuffle(keep_current=True)
        self.gapless.invalidate()
        self._persist_queue()
        self._prefetch_next()

    def queue_snapshot(self) -> dict:
        tracks, index = self.queue.snapshot()
        return {"index": index, "tracks": [{"id": t.track_id, "title": t.display_name} for t in tracks]}
