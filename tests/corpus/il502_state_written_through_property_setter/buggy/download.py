import enum
import threading


class Phase(enum.Enum):
    WAITING = "waiting"
    FETCHING = "fetching"
    ABORTED = "aborted"


class Download:
    def __init__(self, url: str):
        self.url = url
        self._mutex = threading.Lock()
        self._phase = Phase.WAITING

    @property
    def phase(self) -> Phase:
        with self._mutex:
            return self._phase

    @phase.setter
    def phase(self, new: Phase) -> None:
        with self._mutex:
            self._phase = new

    def abort(self) -> None:
        with self._mutex:
            if self._phase is Phase.WAITING:
                self._phase = Phase.ABORTED

    def fetch(self) -> None:
        self.phase = Phase.FETCHING
