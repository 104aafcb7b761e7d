"""Fixed twin: `buy` tests the seats left and takes them in one critical section, and records
the first buyer under the same lock, after testing it there."""
import threading


class Venue:
    def __init__(self, capacity: int = 100) -> None:
        self._lock = threading.Lock()
        self.capacity = capacity
        self.sold = 0
        self.first_buyer = None

    def remaining(self) -> int:
        with self._lock:
            return self.capacity - self.sold

    def buy(self, buyer: str, seats: int) -> bool:
        if seats <= 0:
            return False
        with self._lock:
            if self.capacity - self.sold < seats:
                return False
            self.sold += seats
            if self.first_buyer is None:
                self.first_buyer = buyer
        return True

    def refund(self, seats: int) -> None:
        with self._lock:
            self.sold = max(0, self.sold - seats)
