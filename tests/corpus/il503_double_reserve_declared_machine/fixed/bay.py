"""Fixed twin: `reserve` tests and claims the bay in one critical section."""
import threading


class Bay:
    def __init__(self):
        self._lock = threading.Lock()
        self.status = "free"
        self.plate = None

    def reserve(self, plate):
        with self._lock:
            if self.status != "free":
                return False
            self.status = "reserved"
            self.plate = plate
        return True

    def vacate(self):
        with self._lock:
            if self.status == "reserved":
                self.status = "free"
                self.plate = None
