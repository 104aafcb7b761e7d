"""Fixed: `water` claims the zone (CLOSED -> OPENING) in the critical section that checks it,
and re-checks OPENING before the final transition."""
import threading
import time

CLOSED = 0
OPENING = 1
OPEN = 2


class Zone:
    def __init__(self, relay):
        self._lock = threading.Lock()
        self._relay = relay
        self.status = CLOSED
        self.opened_at = None

    def water(self):
        with self._lock:
            if self.status != CLOSED:
                return False
            self.status = OPENING
        self._relay.energise()
        with self._lock:
            if self.status != OPENING:
                return False
            self.status = OPEN
            self.opened_at = time.monotonic()
        return True

    def shut(self):
        with self._lock:
            if self.status != OPEN:
                return
            self.status = CLOSED
            self.opened_at = None
        self._relay.release()
