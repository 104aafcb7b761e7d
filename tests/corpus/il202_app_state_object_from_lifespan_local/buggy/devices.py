"""Device registry refreshed by a poller thread."""
from __future__ import annotations

import threading
import time


class DeviceRegistry:
    def __init__(self, interval: float = 5.0) -> None:
        self.interval = interval
        self.devices: dict[str, str] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._poller = threading.Thread(target=self._poll, daemon=True)

    def start(self) -> None:
        self._poller.start()

    def stop(self) -> None:
        self._stop.set()

    def snapshot(self) -> dict[str, str]:
        with self._lock:
            return dict(self.devices)

    def _poll(self) -> None:
        while not self._stop.is_set():
            found = {f"dev{i}": "online" for i in range(int(time.time()) % 5)}
            with self._lock:
                for name in [n for n in self.devices if n not in found]:
                    del self.devices[name]
                self.devices.update(found)
            self._stop.wait(self.interval)
