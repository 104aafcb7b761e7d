"""A device registry: renaming a device re-indexes it under the registry lock while holding the
device's own lock; the inventory snapshot takes the registry lock, then each device's."""
import threading

_registry_lock = threading.Lock()
INDEX: dict[str, "Device"] = {}


class Device:
    def __init__(self, name: str) -> None:
        self._lock = threading.Lock()
        self.name = name
        self.firmware = "1.0"

    def rename(self, name: str) -> None:
        with self._lock:
            old, self.name = self.name, name
        _reindex(old, self)                     # after the device lock is let go

    def describe(self) -> str:
        with self._lock:
            return f"{self.name} ({self.firmware})"


def _reindex(old: str, device: Device) -> None:
    with _registry_lock:
        INDEX.pop(old, None)
        INDEX[device.name] = device


def snapshot() -> list[str]:
    with _registry_lock:
        devices = list(INDEX.values())
    return [d.describe() for d in devices]


def main() -> None:
    dev = Device("cam-1")
    _reindex("", dev)
    threading.Thread(target=lambda: dev.rename("cam-2")).start()
    threading.Thread(target=snapshot).start()
