"""Fixed twin: both sides take the player's lock around `controller.position`."""
import threading


class PlaybackController:
    def __init__(self):
        self.position = 0
        self.duration = 0


class Player:
    def __init__(self, decoder):
        self._lock = threading.Lock()
        self.decoder = decoder
        self.controller: PlaybackController = PlaybackController()
        self._thread = None

    def play(self):
        with self._lock:
            self._thread = threading.Thread(target=self._playback_loop, daemon=True)
            self._thread.start()

    def _playback_loop(self):
        for frames in self.decoder.frames():
            with self._lock:
                self.controller.position = frames

    def status(self):
        with self._lock:
            return {"position": self.controller.position}
