"""PlaybackMixin: transport controls, track switching and the playback thread of AudioPlayer.

The playback thread pulls chunks from the file manager, runs them through the realtime DSP
chain and hands them to the output queue; API threads call play/pause/seek concurrently.
Attributes used here are created in `AudioPlayer.__init__`.
"""
from __future__ import annotations

import logging
import queue
import threading
from typing import Any, Callable

from soundbox.player.controller import PlaybackController, PlaybackState
from soundbox.player.file_manager import AudioFileManager, decode_file
from soundbox.player.gapless import GaplessEngine
from soundbox.player.queue import QueueManager
from soundbox.player.types import PlayerConfig, PlayerError, TrackInfo
from soundbox.processing.realtime import RealtimeProcessor

logger = logging.getLogger(__name__)

TrackListener = Callable[[TrackInfo], None]


class PlaybackMixin:
    config: PlayerConfig
    controller: PlaybackController
    file_manager: AudioFileManager
    gapless: GaplessEngine
    queue: QueueManager
    processor: RealtimeProcessor
    output: queue.Queue
    current_track: TrackInfo | None
    last_error: str | None
    _track_lock: threading.Lock
    _thread_lock: threading.Lock
    _listener_lock: threading.Lock
    _track_listeners: list[TrackListener]
    _shutdown: threading.Event
    _wake: threading.Event
    _playback_thread: threading.Thread | None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        """Start the playback and prebuffer threads (idempotent)."""
        with self._thread_lock:
            if self._playback_thread is not None and self._playback_thread.is_alive():
                return
            self._shutdown.clear()
            self._playback_thread = threading.Thread(target=self._playback_loop, name="playback", daemon=True)
            self._playback_thread.start()
        self.gapless.start()

    def shutdown(self, timeout: float = 2.0) -> None:
        self._shutdown.set()
        self._wake.set()
        self.gapless.stop()
        with self._thread_lock:
            thread = self._playback_thread
            self._playback_thread = None
        if thread is not None:
            thread.join(timeout=timeout)   # outside the lock: the thread never takes it
        logger.info("player shut down")

    # -- transport -------------------------------------------------------------------------

    def play(self) -> bool:
        started = self.controller.play()
        if started:
            self._wake.set()
        return started

    def pause(self) -> bool:
        return self.controller.pause()

    def stop(self) -> bool:
        return self.controller.stop()

    def seek(self, seconds: float) -> bool:
        """Jump to `seconds` into the current track (clamped to its length)."""
        rate = self.file_manager.get_sample_rate()
        total = self.file_manager.total_frames()
        target = min(max(0, int(seconds * rate)), total)
        return self.controller.seek(target)

    def load_track(self, track: TrackInfo) -> None:
        """Load `track` as the current track (stopped, at its start)."""
        self.gapless.invalidate()
        self._switch_track(track)

    def add_track_listener(self, listener: TrackListener) -> None:
        with self._listener_lock:
            self._track_listeners.append(listener)

    def get_status(self) -> dict[str, Any]:
        with self.controller.lock:
            state = self.controller.state
            position = self.controller.position
            duration = self.controller.duration
            with self._track_lock:
                track = self.current_track
        rate = self.file_manager.get_sample_rate()
        return {
            "state": state.value,
            "position": position / rate,
            "duration": duration / rate,
            "track": None if track is None else {"id": track.track_id, "title": track.display_name},
            "error": self.last_error,
        }

    # -- track switching -------------------------------------------------------------------

    def _switch_track(self, track: TrackInfo) -> None:
        self.controller.begin_loading()
        try:
            ready = self.gapless.take(track.path)
            audio, rate = ready if ready is not None else decode_file(track.path)
        except (OSError, RuntimeError) as exc:
            logger.error("cannot load %s: %s", track.path, exc)
            self.controller.fail()
            raise PlayerError(f"cannot load {track.display_name}") from exc
        with self._track_lock:
            # Buffer, current track and duration change together, so two concurrent
            # switches cannot leave one track's buffer under the other's metadata.
            frames = self.file_manager.replace(track.path, audio, rate, track.replay_gain_db)
            self.current_track = track
            self.controller.reset(frames)
        self._notify_track(track)
        self._prefetch_next()

    def _notify_track(self, track: TrackInfo) -> None:
        with self._listener_lock:
            listeners = list(self._track_listeners)
        for listener in listeners:
            try:
                listener(track)
            except Exception:
                logger.exception("track listener %r failed", listener)

    def _prefetch_next(self) -> None:
        nxt = self.queue.peek_next()
        if nxt is not None:
            self.gapless.request(nxt.path)

    # -- the playback thread ---------------------------------------------------------------

    def _playback_loop(self) -> None:
        logger.info("playback thread running")
        while not self._shutdown.is_set():
            if not self.controller.is_playing():
                self._wake.wait(self.config.idle_poll_seconds)
                self._wake.clear()
                continue
            position = self.controller.get_position()
            chunk = self.file_manager.read_chunk(position, self.config.chunk_frames)
            if chunk is None or len(chunk) == 0:
                self._on_track_end()
                continue
            try:
                processed = self.processor.process(chunk)
            except (ValueError, FloatingPointError) as exc:
                logger.error("DSP failure at frame %d: %s", position, exc)
                self.last_error = str(exc)
                self.controller.fail()
                continue
            try:
                self.output.put(processed, timeout=0.5)
            except queue.Full:
                logger.warning("output underrun: consumer is not reading")
                continue
            self.controller.advance(len(chunk))
        logger.info("playback thread exiting")

    def _on_track_end(self) -> None:
        if not self.controller.finish():
            return
        nxt = self.queue.advance()
        if nxt is None:
            logger.info("end of queue")
            return
        try:
            self._switch_track(nxt)
        except PlayerError:
            return
        self.controller.play()


__all__ = ["PlaybackMixin", "PlaybackState"]
