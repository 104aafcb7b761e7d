"""Recorder states are module int constants bound from range() in one tuple assignment."""
import threading

RECORDING, FAILED, STOPPED = range(3)


class Recorder:
    def __init__(self):
        self._lock = threading.Lock()
        self.status = RECORDING

    def on_device_lost(self):
        with self._lock:
            if self.status == RECORDING:
                self.status = FAILED

    def stop(self):
        with self._lock:
            self.status = STOPPED
