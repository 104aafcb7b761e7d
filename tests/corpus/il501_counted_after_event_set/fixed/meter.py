"""A decoder signals the writer that a frame is ready, then counts it; the writer counts what it wrote.

The decoder counts the frame before it wakes the writer: `written <= decoded` always holds."""
import threading


class Meter:
    def __init__(self):
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self.decoded = 0
        self.written = 0

    def decode(self):
        with self._lock:
            self.decoded += 1
        self._ready.set()

    def write(self):
        self._ready.wait()
        with self._lock:
            self.written += 1
