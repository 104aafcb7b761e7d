"""IL102 on `PlaybackController.position`: the audio thread (`_on_tick`) and `seek` write it
under `_lock`, but `get_position` (api) reads it without the lock."""
import threading


class PlaybackController:
    def __init__(self, rate=44100):
        self._lock = threading.Lock()
        self.rate = rate
        self.position = 0
        self._thread = threading.Thread(target=self._tick_loop, daemon=True)

    def start(self):
        self._thread.start()

    def _tick_loop(self):
        while True:
            self._on_tick(1024)

    def _on_tick(self, frames):
        with self._lock:
            self.position = self.position + frames

    def seek(self, seconds):
        with self._lock:
            self.position = int(seconds * self.rate)

    def get_position(self):
        return self.position / self.rate
