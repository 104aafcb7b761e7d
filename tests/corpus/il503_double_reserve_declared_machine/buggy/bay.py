"""IL503 on `Bay.status`, with the machine declared in the spec: `reserve` asks whether the bay
is free in one critical section, keeps the answer in a local, and marks it reserved in a second
one. Two drivers both see "free" and both get the bay: the second write is reserved -> reserved,
which the declared machine does not allow (a spec must not hide what the open-world run finds)."""
import threading


class Bay:
    def __init__(self):
        self._lock = threading.Lock()
        self.status = "free"
        self.plate = None

    def reserve(self, plate):
        with self._lock:
            free = self.status == "free"
        if not free:
            return False
        with self._lock:
            self.status = "reserved"
            self.plate = plate
        return True

    def vacate(self):
        with self._lock:
            if self.status == "reserved":
                self.status = "free"
                self.plate = None
