"""Silent: `TrackSwapper.swap` runs `on_swap` under `_audio_lock` so the swap and the position
reset are atomic for the audio thread. Its only caller, `Player.next_track`, passes its own
nested `_reset_position`: code the program owns and the analysis sees, not a foreign listener."""
import threading


class TrackSwapper:
    def __init__(self):
        self._audio_lock = threading.Lock()
        self.samples = []

    def read_chunk(self, start, size):
        with self._audio_lock:
            return self.samples[start:start + size]

    def swap(self, samples, on_swap=None):
        with self._audio_lock:
            self.samples = samples
            if on_swap is not None:
                on_swap()


class Player:
    def __init__(self):
        self.position = 0
        self.swapper = TrackSwapper()
        self._thread = threading.Thread(target=self._audio_loop, daemon=True)

    def start(self):
        self._thread.start()

    def _audio_loop(self):
        while True:
            self.swapper.read_chunk(0, 1024)

    def next_track(self, samples):
        def _reset_position():
            self.position = 0

        self.swapper.swap(samples, on_swap=_reset_position)
