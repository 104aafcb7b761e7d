"""Silent: `Mixer._mix` is chosen in the constructor among the mixer's own methods (mono or
stereo) and called under `_lock`; it is the class's own code, not a foreign callback."""
import threading


class Mixer:
    def __init__(self, channels):
        self._lock = threading.Lock()
        self._gain = 1.0
        self._mix = self._mix_stereo if channels == 2 else self._mix_mono
        self._thread = threading.Thread(target=self._render_loop, daemon=True)

    def start(self):
        self._thread.start()

    def set_gain(self, gain):
        with self._lock:
            self._gain = gain

    def _mix_mono(self, frames):
        return [f * self._gain for f in frames]

    def _mix_stereo(self, frames):
        return [(l * self._gain, r * self._gain) for l, r in frames]

    def _render_loop(self):
        while True:
            with self._lock:
                self._mix([0.0] * 512)
