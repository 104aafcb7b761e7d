"""Gapless playback: decode the next queued track on a background thread before it is needed.

Requests arrive on a `queue.Queue`; the decoded buffer waits in `_next_audio` until the
playback thread takes it at the track boundary. `GaplessEngine._lock` guards the slot and
the thread handle.
"""
from __future__ import annotations

import logging
import queue
import threading
import time

import numpy as np

from soundbox.player.file_manager import decode_file

logger = logging.getLogger(__name__)


class GaplessEngine:
    """Owns the prebuffer thread and the single "next track" slot."""

    def __init__(self, poll_seconds: float = 0.2, max_age_seconds: float = 120.0) -> None:
        self._lock = threading.Lock()
        self._requests: queue.Queue[str] = queue.Queue()
        self._stop_event = threading.Event()
        self._poll_seconds = poll_seconds
        self._max_age_seconds = max_age_seconds
        self._thread: threading.Thread | None = None
        self._next_path: str | None = None
        self._next_audio: np.ndarray | None = None
        self._next_rate = 0
        self._ready_at = 0.0

    def start(self) -> None:
        with self._lock:
            if self._thread is not None:
                return
            self._stop_event.clear()
            self._thread = threading.Thread(target=self._prebuffer_worker, name="gapless-prebuffer", daemon=True)
            self._thread.start()
            logger.debug("prebuffer thread started")

    def stop(self) -> None:
        """Stop the prebuffer thread and drop whatever it decoded."""
        with self._lock:
            self._stop_event.set()
            if self._thread is not None:
                self._thread.join()
                self._thread = None
            self._next_path = None
            self._next_audio = None

    def request(self, path: str) -> None:
        """Ask for `path` to be decoded ahead of time (non-blocking)."""
        self._requests.put(path)

    def take(self, path: str) -> tuple[np.ndarray, int] | None:
        """The prebuffered audio for `path`, once; None if another track (or nothing) is ready."""
        with self._lock:
            if self._next_path != path or self._next_audio is None:
                return None
            audio, rate = self._next_audio, self._next_rate
            self._next_path = None
            self._next_audio = None
            return audio, rate

    def invalidate(self) -> None:
        """The queue changed: the prebuffered track is no longer the next one."""
        with self._lock:
            self._next_path = None
            self._next_audio = None

    def _prebuffer_worker(self) -> None:
        while not self._stop_event.is_set():
            try:
                path = self._requests.get(timeout=self._poll_seconds)
            except queue.Empty:
                self._expire_stale()
                continue
            try:
                # Decode outside the lock: it takes seconds and `take` must stay fast.
                audio, rate = decode_file(path)
            except (OSError, RuntimeError) as exc:
                logger.warning("prebuffer of %s failed: %s", path, exc)
                continue
            with self._lock:
                self._next_path = path
                self._next_audio = audio
                self._next_rate = rate
                self._ready_at = time.monotonic()
            logger.debug("prebuffered %s (%d frames)", path, len(audio))

    def _expire_stale(self) -> None:
        """Drop a prebuffered track nobody took in time (a decoded track is ~50 MB)."""
        with self._lock:
            if self._next_audio is not None and time.monotonic() - self._ready_at > self._max_age_seconds:
                logger.debug("dropping stale prebuffer of %s", self._next_path)
                self._next_path = None
                self._next_audio = None
