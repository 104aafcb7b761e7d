"""IL302: stop holds AudioEngine._lock (a Lock) and calls _reset -> _clear_buffers, which acquires
it again two calls down."""
import threading


class AudioEngine:
    def __init__(self):
        self._lock = threading.Lock()
        self.buffers = []
        self.position = 0

    def stop(self):
        with self._lock:
            self.position = 0
            self._reset()

    def _reset(self):
        self.position = 0
        self._clear_buffers()

    def _clear_buffers(self):
        with self._lock:
            self.buffers.clear()

    def feed(self, block):
        with self._lock:
            self.buffers.append(block)
