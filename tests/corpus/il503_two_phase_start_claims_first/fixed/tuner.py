"""Fixed twin: the two-phase start. `start` moves IDLE -> STARTING in the critical section that
tests the state, opens the device with the lock released, then moves STARTING -> RUNNING. A
second `start` meanwhile sees STARTING and returns: the later write acts on no stale test."""
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
            self.state = STARTING
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
