"""A sample streamer: the loader thread swaps in a whole new decoded clip, the output thread
reads the field twice, unlocked: the length of one clip and a block of the next."""
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
            if pos >= len(self.clip):
                pos = 0
                self._stop.wait(0.01)
                continue
            self.sink.write(self.clip[pos:pos + self.block])
            pos += self.block


def main(sink, clips) -> None:
    streamer = ClipStreamer(sink)
    threading.Thread(target=streamer.run, daemon=True).start()
    loader = threading.Thread(target=lambda: [streamer.load(c) for c in clips])
    loader.start()
    loader.join()
