"""Fixed twin: the `match` pauses only from PLAYING and resumes from PAUSED; other states stay."""
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
                case Mode.PAUSED:
                    self.state = Mode.PLAYING
                case _:
                    pass
