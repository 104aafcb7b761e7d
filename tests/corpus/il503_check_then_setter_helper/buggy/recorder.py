import threading
from enum import Enum, auto


class Phase(Enum):
    IDLE = auto()
    ARMING = auto()
    RECORDING = auto()


class Recorder:
    def __init__(self, device):
        self._mutex = threading.Lock()
        self._device = device
        self.phase = Phase.IDLE
        self._stream = None

    def _set_phase(self, phase: Phase):
        with self._mutex:
            self.phase = phase

    def record(self, target: str):
        with self._mutex:
            if self.phase != Phase.IDLE:
                return False
        self._set_phase(Phase.ARMING)
        stream = self._device.open_input(target)
        with self._mutex:
            self._stream = stream
        self._set_phase(Phase.RECORDING)
        return True

    def finish(self):
        with self._mutex:
            if self.phase is Phase.RECORDING:
                self.phase = Phase.IDLE
                stream, self._stream = self._stream, None
            else:
                stream = None
        if stream is not None:
            stream.close()
