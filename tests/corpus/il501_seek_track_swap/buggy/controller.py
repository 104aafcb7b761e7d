"""IL501 on `PlaybackController.position`/`duration`: `seek` (api) reads the duration outside
the lock; the gapless thread swaps to a shorter track in between, so position > duration."""
import threading


class PlaybackController:
    def __init__(self, duration: int = 240):
        self._lock = threading.Lock()
        self.position = 0
        self.duration = duration
        self.track_id = None

    def seek(self, position: int) -> int:
        duration = self.duration
        if position < 0:
            position = 0
        if position > duration:
            position = duration
        with self._lock:
            self.position = position
        return position

    def swap_track(self, track_id: str, duration: int) -> None:
        with self._lock:
            self.track_id = track_id
            self.duration = duration
            self.position = 0

    def progress(self) -> float:
        with self._lock:
            if self.duration <= 0:
                return 0.0
            return self.position / self.duration
