"""IL501 on `sold <= capacity`: `buy` asks for the seats left in one critical section and takes
them in another; two box offices both see room and together oversell. The explorer proves that
check-then-act (IL501), so it is not reported again as IL201. The unlocked test of
`first_buyer` in the same method is another check-then-act, which no invariant covers: IL201."""
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
        if self.remaining() < seats:
            return False
        with self._lock:
            self.sold += seats
        if self.first_buyer is None:
            with self._lock:
                self.first_buyer = buyer
        return True

    def refund(self, seats: int) -> None:
        with self._lock:
            self.sold = max(0, self.sold - seats)
