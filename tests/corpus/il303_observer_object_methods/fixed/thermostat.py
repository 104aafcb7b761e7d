"""Fixed: the reading and the watcher list are copied under the guard; the watchers are told
after it is released."""
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
                reading, watchers = self._celsius, list(self._watchers)
            for watcher in watchers:
                watcher.on_reading(reading)
