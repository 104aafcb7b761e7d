"""Fixed: the lock is an RLock, so re-entry from the same thread is allowed."""
import threading


class AudioEngine:
    def __init__(self):
        self._lock = threading.RLock()
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
