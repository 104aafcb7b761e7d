"""Recorder states are int constants of the class, bound from range() in one tuple assignment."""
import threading


class Recorder:
    RECORDING, FAILED, STOPPED = range(3)

    def __init__(self):
        self._lock = threading.Lock()
        self.status = self.RECORDING

    def on_device_lost(self):
        with self._lock:
            self.status = Recorder.FAILED          # also after stop(): STOPPED -> FAILED

    def stop(self):
        with self._lock:
            self.status = self.STOPPED
