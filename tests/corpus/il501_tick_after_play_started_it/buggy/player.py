"""IL501 on `Player.position`: `tick` reads the duration before it takes the lock; a `load` of a
shorter track in between, and the position it advances is clamped to the stale duration:
`position <= duration` breaks."""
import enum
import threading


class PlayerState(enum.Enum):
    STOPPED = "stopped"
    PLAYING = "playing"
    PAUSED = "paused"


class Player:
    def __init__(self):
        self._lock = threading.RLock()
        self.state = PlayerState.STOPPED
        self.position = 0
        self.duration = 0

    def load(self, duration: int) -> None:
        with self._lock:
            self.duration = max(0, duration)
            self.position = 0

    def play(self) -> None:
        with self._lock:
            if self.state in (PlayerState.STOPPED, PlayerState.PAUSED):
                self.state = PlayerState.PLAYING

    def pause(self) -> None:
        with self._lock:
            if self.state == PlayerState.PLAYING:
                self.state = PlayerState.PAUSED

    def stop(self) -> None:
        with self._lock:
            if self.state != PlayerState.STOPPED:
                self.state = PlayerState.STOPPED
                self.position = 0

    def seek(self, pos: int) -> None:
        with self._lock:
            self.position = min(max(0, pos), self.duration)

    def tick(self, n: int) -> None:
        end = self.duration
        with self._lock:
            if self.state == PlayerState.PLAYING:
                self.position = min(self.position + n, end)
                if self.position >= self.duration:
                    self.state = PlayerState.STOPPED
