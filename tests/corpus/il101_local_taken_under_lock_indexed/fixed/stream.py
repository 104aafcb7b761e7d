"""A sample streamer: the loader thread swaps in a whole new decoded clip, the output thread
plays blocks of whichever clip it took under the lock."""
from __future__ import annotations

import threading

import numpy as np


class ClipStreamer:
    def __init__(self, sink) -> None:
        self.sink = sink
        self._lock = threading.Lock()
        self.clip = np.zeros((0, 2), dtype=np.float32)
        self.block = 1024
        self._stop = threading.Event()

    def load(self, clip: np.ndarray) -> None:
        data = np.ascontiguousarray(clip, dtype=np.float32).copy()
        with self._lock:
            self.clip = data

    def run(self) -> None:
        pos = 0
        while not self._stop.is_set():
            with self._lock:
                clip = self.clip
            if pos >= len(clip):
                pos = 0
                self._stop.wait(0.01)
                continue
            self.sink.write(clip[pos:pos + self.block])
            pos += self.block


def main(sink, clips) -> None:
    streamer = ClipStreamer(sink)
    threading.Thread(target=streamer.run, daemon=True).start()
    loader = threading.Thread(target=lambda: [streamer.load(c) for c in clips])
    loader.start()
    loader.join()
