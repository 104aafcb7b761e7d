"""IL102 on `Engine.volume`, across a mixin: `Engine` reads and fades `volume` under `_lock` on
its render thread, but `VolumeMixin.set_volume` (api) writes it without the lock."""
import threading


class VolumeMixin:
    def set_volume(self, value):
        self.volume = max(0.0, min(1.0, value))

    def mute(self):
        with self._lock:
            self.volume = 0.0


class Engine(VolumeMixin):
    def __init__(self, sink):
        self._lock = threading.Lock()
        self.sink = sink
        self.volume = 1.0
        self._thread = threading.Thread(target=self._render, daemon=True)

    def start(self):
        self._thread.start()

    def _render(self):
        while True:
            with self._lock:
                gain = self.volume
            self.sink.write(gain)

    def fade_out(self):
        with self._lock:
            self.volume = self.volume * 0.5
