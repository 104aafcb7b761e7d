"""A polling emitter: compares directory listings; its observer."""
import os

from watcher.api import Emitter, Observer


class PollingEmitter(Emitter):
    def __init__(self, events, path, interval=1.0):
        super().__init__(events, path, interval)
        self._listing: set[str] = set(os.listdir(path))

    def run(self) -> None:
        super().run()
        self._listing.clear()               # on the emitter's own thread, once it stopped polling

    def poll(self) -> None:
        now = set(os.listdir(self.path))
        for name in self._listing:
            if name not in now:
                self._events.put((self.path, f"deleted {name}"))
        self._listing = now


class PollingObserver(Observer):
    def __init__(self, timeout: float = 1.0):
        super().__init__(emitter_class=PollingEmitter, timeout=timeout)
