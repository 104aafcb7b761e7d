"""A parking garage booked from request threads. `book` looks the bay up in the shared table under the lock
and tests its state after letting go, then marks it TAKEN under the lock: two drivers booking one bay both
see FREE and both get it. `quote` builds its own `Bay` for a price preview and checks it the same
way; nobody else ever sees that object, so it is no race."""
import enum
import threading


class BayState(enum.Enum):
    FREE = "free"
    TAKEN = "taken"
    CLOSED = "closed"


class Bay:
    def __init__(self, number: str) -> None:
        self.number = number
        self.state = BayState.FREE
        self.plate = ""


class Garage:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._bays: dict[str, Bay] = {}

    def open_bay(self, number: str) -> None:
        with self._lock:
            self._bays[number] = Bay(number)

    def book(self, number: str, plate: str) -> bool:
        with self._lock:
            bay = self._bays.get(number)
        if bay is None or bay.state is not BayState.FREE:
            return False
        with self._lock:
            bay.state = BayState.TAKEN
            bay.plate = plate
        return True

    def leave(self, number: str) -> None:
        with self._lock:
            bay = self._bays[number]
            bay.state = BayState.FREE
            bay.plate = ""

    def quote(self, number: str) -> int:
        preview = Bay(number)
        if preview.state is not BayState.FREE:
            return 0
        with self._lock:
            preview.state = BayState.TAKEN
        return 5
