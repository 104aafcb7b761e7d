"""Display settings that tell their watchers about every change, on the thread that applies it."""


class Settings:
    def __init__(self):
        self._values = {"scale": 1.0}
        self._watchers = []

    def watch(self, watcher):
        self._watchers.append(watcher)

    def apply(self, key, value):
        self._values[key] = value
        for watcher in list(self._watchers):
            watcher(key, value)
