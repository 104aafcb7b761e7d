"""Feature flags refreshed by a poller thread: it builds a new read-only mapping in a local and
swaps it in under the lock; `enabled` reads the current mapping once, without the lock. The
mapping is never changed after it is stored, so the one read is a whole snapshot."""
import json
import threading
from types import MappingProxyType


class FlagStore:
    def __init__(self, path):
        self._path = path
        self._lock = threading.Lock()
        self._flags = MappingProxyType({})
        self._stop = threading.Event()
        self._poller = threading.Thread(target=self._poll, daemon=True)

    def start(self):
        self._poller.start()

    def stop(self):
        self._stop.set()
        self._poller.join()

    def _poll(self):
        while not self._stop.wait(10.0):
            with open(self._path) as fh:
                latest = MappingProxyType(json.load(fh))
            with self._lock:
                self._flags = latest

    def override(self, name, on):
        with self._lock:
            changed = dict(self._flags)
            changed[name] = on
            self._flags = MappingProxyType(changed)

    def enabled(self, name):
        return self._flags.get(name, False)
