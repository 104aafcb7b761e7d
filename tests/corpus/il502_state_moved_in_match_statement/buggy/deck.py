"""IL502 on `Deck.state`: `toggle` moves the state in a `match` statement whose wildcard case
pauses from any state, so STOPPED -> PAUSED (not in the declared machine) is reachable."""
import enum
import threading


class Mode(enum.Enum):
    STOPPED = 0
    PLAYING = 1
    PAUSED = 2


class Deck:
    def __init__(self):
        self._lock = threading.Lock()
        self.state = Mode.STOPPED

    def play(self) -> None:
        with self._lock:
            if self.state is not Mode.PLAYING:
                self.state = Mode.PLAYING

    def stop(self) -> None:
        with self._lock:
            if self.state is not Mode.STOPPED:
                self.state = Mode.STOPPED

    def toggle(self) -> None:
        with self._lock:
            match self.state:
                case Mode.PLAYING:
                    self.state = Mode.PAUSED
                case _:
                    self.state = Mode.PAUSED
