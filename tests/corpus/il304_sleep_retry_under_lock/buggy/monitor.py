"""IL304: the watch thread backs off with time.sleep while still holding DeviceMonitor._lock,
so list_devices() from the api blocks for the whole back-off."""
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
            with self._lock:
                found = self.backend.scan()
                if not found:
                    time.sleep(2.0)
                    continue
                self.devices = found

