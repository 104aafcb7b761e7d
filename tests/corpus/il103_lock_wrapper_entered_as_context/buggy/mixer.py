"""IL103 on `Guarded.value`: the volume lives in a lock-wrapper object whose `__enter__` takes its
lock and `__exit__` releases it. `set_volume` writes it inside `with self.volume as v:`, but the
fader thread ramps it down with a bare read-modify-write: a level set meanwhile is lost."""
import threading
import time

from guarded import Guarded


class Mixer:
    def __init__(self):
        self.volume = Guarded(1.0)
        self._fader = threading.Thread(target=self._fade_loop, daemon=True)

    def start(self) -> None:
        self._fader.start()

    def set_volume(self, level: float) -> None:
        with self.volume as v:
            v.value = level

    def _fade_loop(self) -> None:
        while True:
            self.volume.value = self.volume.value * 0.9
            time.sleep(0.1)
