"""A decoder signals the writer that a frame is ready, then counts it; the writer counts what it wrote.

Bug: the writer may wake and count its frame before the decoder has counted it."""
import threading


class Meter:
    def __init__(self):
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self.decoded = 0
        self.written = 0

    def decode(self):
        self._ready.set()
        with self._lock:
            self.decoded += 1

    def write(self):
        self._ready.wait()
        with self._lock:
            self.written += 1
