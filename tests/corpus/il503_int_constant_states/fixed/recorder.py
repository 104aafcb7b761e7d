"""A take recorder whose states are module-level int constants. `finish` moves RECORDING to
FINISHING under the lock, joins the frames outside it, then marks the take SAVED only if it is
still FINISHING: a `reset` from the UI in between wins."""
import threading

IDLE = 0
RECORDING = 1
FINISHING = 2
SAVED = 3


class Recorder:
    def __init__(self):
        self._lock = threading.Lock()
        self.state = IDLE
        self.frames = []

    def start(self):
        with self._lock:
            if self.state != IDLE:
                return False
            self.state = RECORDING
            return True

    def finish(self):
        with self._lock:
            if self.state != RECORDING:
                return None
            self.state = FINISHING
            frames = list(self.frames)
        data = b"".join(frames)
        size = len(data)
        with self._lock:
            if self.state != FINISHING:
                return None
            self.state = SAVED
        return data, size

    def reset(self):
        with self._lock:
            self.state = IDLE
            self.frames = []
