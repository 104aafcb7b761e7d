"""The player's playback mixin reads chunks through a field its class declares; the player
builds the buffer holder in its own constructor. The chunk is a copy: scaling it leaves the shared buffer alone."""
import threading

import numpy as np


class Buffer:
    def __init__(self):
        self._lock = threading.Lock()
        self._audio = np.zeros((0, 2), dtype=np.float32)
        self._gain = 1.0

    def load(self, audio):
        with self._lock:
            self._audio = audio

    def read_chunk(self, start, frames):
        with self._lock:
            chunk = self._audio[start:start + frames].copy()
            gain = self._gain
        if gain != 1.0:
            chunk *= gain
        return chunk

    def peak(self):
        with self._lock:
            return float(np.abs(self._audio).max()) if len(self._audio) else 0.0


class PlaybackMixin:
    buffer: Buffer

    def _play(self):
        pos = 0
        while True:
            chunk = self.buffer.read_chunk(pos, 1024)
            pos += len(chunk)


class Player(PlaybackMixin):
    def __init__(self):
        self._state_lock = threading.Lock()
        self.buffer = Buffer()
        self._thread = threading.Thread(target=self._play, daemon=True)

    def start(self):
        self._thread.start()

    def level(self):
        return self.buffer.peak()
