"""A download's state machine. `start` claims the download under the lock, prepares the request
outside it (several plain statements), then marks it downloading; `cancel` may run in between,
and `start` overwrites CANCELLED with DOWNLOADING."""
import enum
import threading


class Phase(enum.Enum):
    IDLE = "idle"
    CONNECTING = "connecting"
    DOWNLOADING = "downloading"
    CANCELLED = "cancelled"


class Download:
    def __init__(self, url):
        self.url = url
        self._lock = threading.Lock()
        self.phase = Phase.IDLE

    def start(self):
        with self._lock:
            if self.phase is not Phase.IDLE:
                return False
            self.phase = Phase.CONNECTING
        headers = {"User-Agent": "fetch/1.0", "Accept": "*/*"}
        retries = 3
        backoff = 0.5
        with self._lock:
            self.phase = Phase.DOWNLOADING
        return headers, retries, backoff

    def cancel(self):
        with self._lock:
            if self.phase in (Phase.CONNECTING, Phase.DOWNLOADING):
                self.phase = Phase.CANCELLED
