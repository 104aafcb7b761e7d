import queue
import threading

import numpy as np

SIZE = 640 * 480


class FrameGrabber:
    def __init__(self, device: str, frames: queue.Queue) -> None:
        self.device = device
        self.frames = frames
        self.dark = np.zeros(SIZE, dtype=np.int16)
        self._frame = np.empty(SIZE, dtype=np.int16)
        self._halt = threading.Event()
        self._worker = threading.Thread(target=self.pump, daemon=True)
        self._worker.start()

    def halt(self) -> None:
        self._halt.set()

    def pump(self) -> None:
        with open(self.device, "rb") as dev:
            while not self._halt.is_set():
                raw = np.frombuffer(dev.read(SIZE * 2), dtype=np.int16)
                if raw.size < SIZE:
                    break
                np.subtract(raw, self.dark, out=self._frame)
                self.frames.put(self._frame.copy())
        self.frames.put(None)
