from queue import Queue
import threading

import numpy as np

FRAMES = 1024


class Capture:
    def __init__(self, device, sink: "Queue[np.ndarray]", level: float = 0.5):
        self._device = device
        self._sink = sink
        self._level = level
        self._block = np.zeros(FRAMES, dtype=np.float32)

    def loop(self) -> None:
        while True:
            n = self._device.readinto(self._block)
            if not n:
                self._sink.put(None)
                break
            self._block[:n] *= self._level
            self._sink.put(self._block[:n].copy())


class Encoder:
    def __init__(self, source: "Queue[np.ndarray]", out) -> None:
        self._source = source
        self._out = out

    def loop(self) -> None:
        while True:
            block = self._source.get()
            if block is None:
                break
            self._out.write(block.astype(np.int16).tobytes())


def record(device, out) -> None:
    pipe: "Queue[np.ndarray]" = Queue(maxsize=16)
    cap, enc = Capture(device, pipe), Encoder(pipe, out)
    workers = [threading.Thread(target=cap.loop), threading.Thread(target=enc.loop)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
