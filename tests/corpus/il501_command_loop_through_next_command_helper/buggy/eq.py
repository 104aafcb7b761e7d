"""Graphic equalizer: the UI's preset loads and band selections become commands that the DSP
thread takes one at a time through `_next_command()` and applies in order.

Bug: `select_band` checks the band against the preset loaded *now*; a preset with fewer bands
queued before the selection is applied first, and the DSP thread then selects a band the new
preset does not have."""
import queue
import threading


class Equalizer:
    def __init__(self):
        self.bands = 10
        self.band = 0
        self._lock = threading.Lock()
        self._commands = queue.Queue()
        threading.Thread(target=self._run, daemon=True).start()

    def load_preset(self, bands: int) -> None:
        if bands > 0:
            self._commands.put(("preset", bands))

    def select_band(self, band: int) -> None:
        with self._lock:
            if 0 <= band < self.bands:
                self._commands.put(("band", band))

    def _next_command(self):
        return self._commands.get()

    def _run(self) -> None:
        while True:
            name, value = self._next_command()
            if name == "preset":
                self._apply_preset(value)
            elif name == "band":
                self._select(value)

    def _apply_preset(self, bands: int) -> None:
        with self._lock:
            self.bands = bands
            self.band = 0

    def _select(self, band: int) -> None:
        with self._lock:
            self.band = band
