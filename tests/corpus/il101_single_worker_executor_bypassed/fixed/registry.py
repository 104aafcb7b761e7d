import threading
from concurrent.futures import ThreadPoolExecutor


class DeviceRegistry:
    """Device records change only on the registry's single worker thread."""

    def __init__(self):
        self._worker = ThreadPoolExecutor(1)
        self._devices = {}

    def _enroll(self, serial, info):
        self._devices[serial] = info

    def _forget(self, serial):
        self._devices.pop(serial, None)

    def _lookup(self, serial):
        return self._devices.get(serial)

    def enroll(self, serial, info):
        self._worker.submit(self._enroll, serial, info)

    def forget(self, serial):
        self._worker.submit(self._forget, serial)

    def lookup(self, serial):
        return self._worker.submit(self._lookup, serial).result()


def provision(registry, batch):
    threads = [threading.Thread(target=registry.enroll, args=(s, i)) for s, i in batch]
    for t in threads:
        t.start()
    return [registry.lookup(s) for s, _ in batch]
