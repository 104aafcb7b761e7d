"""A mixer whose gain is a property: the audio thread reads it, the UI assigns it."""
import threading


class Mixer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._gain = 1.0
        self._running = True
        self._thread = threading.Thread(target=self._render, daemon=True)
        self._thread.start()

    @property
    def gain(self) -> float:
        with self._lock:
            return self._gain

    @gain.setter
    def gain(self, value: float) -> None:
        with self._lock:
            self._gain = max(0.0, value)

    @gain.deleter
    def gain(self) -> None:
        with self._lock:
            self._gain = 1.0

    def _render(self) -> None:
        while self._running:
            g = self.gain
            self._mix(g)

    def _mix(self, g: float) -> None:
        pass


def main() -> None:
    mixer = Mixer()
    mixer.gain = 0.5
