"""Fixed twin: the helper answers FAILED from CONNECTING and CLOSED from OPEN."""
import enum
import threading


class LinkState(enum.Enum):
    CONNECTING = "connecting"
    OPEN = "open"
    FAILED = "failed"
    CLOSED = "closed"


class Link:
    def __init__(self):
        self._lock = threading.Lock()
        self.state = LinkState.CONNECTING

    def _after_error(self) -> LinkState:
        if self.state is LinkState.OPEN:
            return LinkState.CLOSED
        return LinkState.FAILED

    def on_open(self) -> None:
        with self._lock:
            if self.state is LinkState.CONNECTING:
                self.state = LinkState.OPEN

    def on_error(self) -> None:
        with self._lock:
            self.state = self._after_error()
