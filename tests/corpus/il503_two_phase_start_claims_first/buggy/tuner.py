"""IL503 on `Tuner.state`: `start` tests IDLE under the lock but claims nothing there; two API
calls both pass the test, both open a device, and the first device is overwritten and leaked."""
import threading

IDLE, STARTING, RUNNING = "idle", "starting", "running"


class Device:
    def close(self):
        pass


class Tuner:
    def __init__(self):
        self._lock = threading.Lock()
        self.state = IDLE
        self._device = None

    def start(self) -> bool:
        with self._lock:
            if self.state != IDLE:
                return False
        device = Device()
        with self._lock:
            self._device = device
            self.state = RUNNING
        return True

    def stop(self) -> None:
        with self._lock:
            if self.state != RUNNING:
                return
            device, self._device = self._device, None
            self.state = IDLE
        device.close()
