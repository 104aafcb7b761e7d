"""IL602: every websocket gets its own `FrameGrabber`, whose constructor starts a thread on
`pump`. `pump` subtracts the dark frame into one reused array and puts that array itself on the
queue; the endpoint takes it off with `asyncio.to_thread(frames.get)` and sends it, while `pump`
is already writing the next frame into the same array: the client gets torn frames. (`pump` is
the thread's body: no other code calls it, so two grabbers' threads never share an array.)"""
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
                self.frames.put(self._frame)
        self.frames.put(None)
