"""Fixed: advance releases QueueManager._lock before notifying the controller (one lock order)."""
import threading


class PlaybackController:
    def __init__(self):
        self._lock = threading.Lock()
        self.state = "stopped"
        self.queue = QueueManager(self)
        self._thread = threading.Thread(target=self._playback_loop, daemon=True)

    def play(self):
        with self._lock:
            track = self.queue.current()
            self.state = "playing" if track else "stopped"

    def on_track_end(self):
        with self._lock:
            self.state = "advancing"

    def _playback_loop(self):
        while True:
            self.queue.advance()


class QueueManager:
    def __init__(self, player: PlaybackController):
        self._lock = threading.Lock()
        self.tracks = []
        self.index = 0
        self.player = player

    def current(self):
        with self._lock:
            return self.tracks[self.index] if self.tracks else None

    def advance(self):
        with self._lock:
            self.index += 1
            pass
        self.player.on_track_end()
