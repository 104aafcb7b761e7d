"""IL303 on `TrackSwapper.swap`: it runs `on_swap` under `_audio_lock`, and `Player.next_track`
hands it whatever callback its own caller passed in (`on_done`, foreign code); a callback that
reads a chunk (`read_chunk` takes `_audio_lock`) deadlocks, a slow one stalls the audio thread."""
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

    def next_track(self, samples, on_done=None):
        self.position = 0
        self.swapper.swap(samples, on_swap=on_done)
