"""IL503 on `Capture.mode`: `begin` asks the locked helper `_ready()` whether the device is
ready, opens the device with the lock released, then sets ARMED in a second critical section.
A `shutdown` in between is overridden: the device goes CLOSED -> ARMED."""
import threading
from enum import Enum


class Mode(Enum):
    READY = 0
    ARMED = 1
    CLOSED = 2


class Capture:
    def __init__(self, device):
        self._lock = threading.Lock()
        self._device = device
        self.mode = Mode.READY

    def _ready(self) -> bool:
        with self._lock:
            return self.mode == Mode.READY

    def begin(self) -> bool:
        if not self._ready():
            return False
        self._device.open()
        with self._lock:
            self.mode = Mode.ARMED
        return True

    def end(self) -> None:
        with self._lock:
            if self.mode == Mode.ARMED:
                self.mode = Mode.READY

    def shutdown(self) -> None:
        with self._lock:
            self.mode = Mode.CLOSED
