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

    def _move(self, current: Phase, phase: Phase) -> bool:
        with self._mutex:
            if self.phase != current:
                return False
            self.phase = phase
            return True

    def record(self, target: str):
        if not self._move(Phase.IDLE, Phase.ARMING):
            return False
        stream = self._device.open_input(target)
        with self._mutex:
            if self.phase != Phase.ARMING:
                stream.close()
                return False
            self._stream = stream
            self.phase = Phase.RECORDING
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
