"""Video player: open/jump calls become commands a decoder thread applies in order.

Bug: `jump` checks the frame against the clip open *now*; an `open` queued before the jump
swaps the clip first, and the jump then lands past its end."""
import queue
import threading


class Video:
    def __init__(self):
        self.frames = 0
        self.frame = 0
        self._lock = threading.Lock()
        self._inbox = queue.Queue()
        threading.Thread(target=self._decoder, daemon=True).start()

    def open(self, frames: int) -> None:
        if frames >= 0:
            self._inbox.put(("open", frames))

    def jump(self, frame: int) -> None:
        with self._lock:
            if 0 <= frame <= self.frames:
                self._inbox.put(("jump", frame))

    def _decoder(self) -> None:
        while True:
            kind, value = self._inbox.get()
            if kind == "open":
                self._load(value)
            elif kind == "jump":
                self._seek(value)

    def _load(self, frames: int) -> None:
        with self._lock:
            self.frames = frames
            self.frame = 0

    def _seek(self, frame: int) -> None:
        with self._lock:
            self.frame = frame
