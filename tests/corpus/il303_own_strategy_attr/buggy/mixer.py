"""IL303 on `Mixer._render_loop`: `set_mix_function` (api) lets a caller install any mixing
callable in `_mix`, which the render thread calls under `_lock`; a plug-in that calls
`set_gain` deadlocks, a slow one stalls `set_gain` callers."""
import threading


class Mixer:
    def __init__(self, channels):
        self._lock = threading.Lock()
        self._gain = 1.0
        self._mix = self._mix_stereo if channels == 2 else self._mix_mono
        self._thread = threading.Thread(target=self._render_loop, daemon=True)

    def start(self):
        self._thread.start()

    def set_mix_function(self, mix):
        with self._lock:
            self._mix = mix

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
