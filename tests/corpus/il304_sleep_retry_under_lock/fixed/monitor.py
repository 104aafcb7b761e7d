"""Fixed: the back-off sleeps after releasing the lock."""
import threading
import time


class DeviceMonitor:
    def __init__(self, backend):
        self._lock = threading.Lock()
        self.backend = backend
        self.devices = []
        threading.Thread(target=self._watch, daemon=True).start()

    def list_devices(self):
        with self._lock:
            return list(self.devices)

    def _watch(self):
        while True:
            found = self.backend.scan()
            if not found:
                time.sleep(2.0)
                continue
            with self._lock:
                self.devices = found

