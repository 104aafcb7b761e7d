"""Feature flags refreshed by a poller thread that updates one dict in place under the lock;
`enabled` looks a flag up in that dict without the lock while the poller may be changing it."""
import json
import threading


class FlagStore:
    def __init__(self, path):
        self._path = path
        self._lock = threading.Lock()
        self._flags = {}
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
                latest = json.load(fh)
            with self._lock:
                self._flags.clear()
                self._flags.update(latest)

    def override(self, name, on):
        with self._lock:
            self._flags[name] = on

    def enabled(self, name):
        return self._flags.get(name, False)
