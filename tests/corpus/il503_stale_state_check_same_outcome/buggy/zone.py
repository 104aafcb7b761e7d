"""IL503 on `Zone.status`, with no spec: int constants as states. `water` reads the status in
one critical section, energises the relay with the lock released and marks the zone OPEN in a
second one. Two `water` calls both see CLOSED and both energise the relay and start a run: the
final status (OPEN) is one a serial order also reaches, so only the stale check shows the bug."""
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
            busy = self.status != CLOSED
        if busy:
            return False
        self._relay.energise()
        with self._lock:
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
