"""Fixed twin: the fader thread also ramps the volume inside `with self.volume as v:`, so the
wrapper's lock covers both the read and the write."""
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
            with self.volume as v:
                v.value = v.value * 0.9
            time.sleep(0.1)
