"""IL502 on `Link.state`: the spec's one context (the I/O thread, one instance) runs `on_error`,
which stores the state a helper returns; from CONNECTING the helper answers CLOSED, a transition
the machine does not declare. No second context runs beside it: the call alone reaches it."""
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
            return LinkState.FAILED
        return LinkState.CLOSED

    def on_open(self) -> None:
        with self._lock:
            if self.state is LinkState.CONNECTING:
                self.state = LinkState.OPEN

    def on_error(self) -> None:
        with self._lock:
            self.state = self._after_error()
