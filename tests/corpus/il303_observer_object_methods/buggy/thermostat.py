"""IL303: the sampling thread tells every registered watcher object about the new reading
(`watcher.on_reading(...)`) while holding `Thermostat._guard`; a watcher that asks the
thermostat for `current()` from its handler deadlocks the sampler."""
import threading
import time


class Thermostat:
    def __init__(self):
        self._guard = threading.Lock()
        self._celsius = 20.0
        self._watchers = []
        threading.Thread(target=self._sample, daemon=True).start()

    def attach(self, watcher):
        with self._guard:
            self._watchers.append(watcher)

    def current(self):
        with self._guard:
            return self._celsius

    def _sample(self):
        while True:
            time.sleep(0.5)
            with self._guard:
                self._celsius += 0.1
                for watcher in self._watchers:
                    watcher.on_reading(self._celsius)
