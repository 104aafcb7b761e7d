"""Playback state machine and playhead: the single source of truth for "what is the player doing".

All fields are guarded by `PlaybackController.lock`. The lock is public on purpose: callers
that need a consistent snapshot of several fields (state + position + duration) may hold it.
Positions and durations are in frames (samples per channel).
"""
from __future__ import annotations

import logging
import threading
from enum import Enum
from typing import Callable

logger = logging.getLogger(__name__)


class PlaybackState(Enum):
    STOPPED = "stopped"
    LOADING = "loading"
    PLAYING = "playing"
    PAUSED = "paused"
    ERROR = "error"


StateListener = Callable[[PlaybackState, PlaybackState], None]


class PlaybackController:
    """Owns `state`, `position` and `duration`; every transition goes through a method here."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.state = PlaybackState.STOPPED
        self.position = 0
        self.duration = 0
        self._listeners: list[StateListener] = []

    # -- listeners -------------------------------------------------------------------------

    def add_state_listener(self, listener: StateListener) -> None:
        """Call `listener(previous, current)` after every state change (from any thread)."""
        with self.lock:
            self._listeners.append(listener)

    def _notify(self, previous: PlaybackState, current: PlaybackState) -> None:
        # Copy under the lock, call outside it: listeners may call back into the controller.
        with self.lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(previous, current)
            except Exception:  # a broken listener must not stop playback
                logger.exception("state listener %r failed", listener)

    # -- queries ---------------------------------------------------------------------------

    def is_playing(self) -> bool:
        with self.lock:
            return self.state == PlaybackState.PLAYING

    def get_position(self) -> int:
        with self.lock:
            return self.position

    def snapshot(self) -> tuple[PlaybackState, int, int]:
        with self.lock:
            return self.state, self.position, self.duration

    # -- transitions -----------------------------------------------------------------------

    def play(self) -> bool:
        """Start or resume playback; False when there is nothing to resume."""
        with self.lock:
            previous = self.state
        if previous not in (PlaybackState.STOPPED, PlaybackState.PAUSED):
            logger.debug("play() ignored in state %s", previous.name)
            return False
        with self.lock:
            self.state = PlaybackState.PLAYING
        self._notify(previous, PlaybackState.PLAYING)
        return True

    def pause(self) -> bool:
        with self.lock:
            if self.state == PlaybackState.PAUSED:
                return False
            previous = self.state
            self.state = PlaybackState.PAUSED
        self._notify(previous, PlaybackState.PAUSED)
        return True

    def stop(self) -> bool:
        with self.lock:
            if self.state == PlaybackState.STOPPED:
                return False
            previous = self.state
            self.state = PlaybackState.STOPPED
            self.position = 0
            # Listeners must observe STOPPED before anybody can start playback again.
            for listener in self._listeners:
                listener(previous, PlaybackState.STOPPED)
        return True

    def begin_loading(self) -> None:
        """A new track is being decoded: playback halts until `reset` or `fail`."""
        with self.lock:
            previous = self.state
            self.state = PlaybackState.LOADING
            self.position = 0
        self._notify(previous, PlaybackState.LOADING)

    def reset(self, duration: int) -> None:
        """The new track is loaded: rewind to its start, ready to play.

        No listener call here: callers hold their own locks around it, and the track
        listeners announce the new track anyway.
        """
        with self.lock:
            self.duration = duration if duration > 0 else 0
            self.position = 0
            if self.state == PlaybackState.LOADING:
                self.state = PlaybackState.STOPPED

    def fail(self) -> None:
        with self.lock:
            if self.state == PlaybackState.ERROR:
                return
            previous = self.state
            self.state = PlaybackState.ERROR
        self._notify(previous, PlaybackState.ERROR)

    def finish(self) -> bool:
        """End of track reached by the playback thread."""
        with self.lock:
            if self.state != PlaybackState.PLAYING:
                return False
            self.state = PlaybackState.STOPPED
            self.position = self.duration
        self._notify(PlaybackState.PLAYING, PlaybackState.STOPPED)
        return True

    # -- playhead --------------------------------------------------------------------------

    def advance(self, frames: int) -> int:
        """Move the playhead after `frames` were rendered; never past the end."""
        with self.lock:
            # Re-check under the lock: a stop, pause or load since the chunk was read wins.
            if self.state != PlaybackState.PLAYING:
                return self.position
            if frames > 0:
                self.position += frames
            if self.position > self.duration:
                self.position = self.duration
            return self.position

    def seek(self, frame: int) -> bool:
        """Move the playhead to `frame`; the caller clamps it to the loaded track."""
        with self.lock:
            if self.state in (PlaybackState.LOADING, PlaybackState.ERROR):
                return False
            self.position = frame if frame > 0 else 0
            return True
