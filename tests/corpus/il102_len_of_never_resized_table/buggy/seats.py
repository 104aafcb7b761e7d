import threading


class SeatMap:
    """One slot per seat, allocated once; seats are booked and freed by the box-office threads."""

    def __init__(self, seats: int = 120):
        self._guard = threading.Lock()
        self._holder = [None] * seats
        self._sold = bytearray(seats)

    def book(self, seat: int, who: str) -> bool:
        if not 0 <= seat < len(self._holder):        # the size never changes: no lock needed
            return False
        with self._guard:
            if self._holder[seat] is not None:
                return False
            self._holder[seat] = who
            self._sold[seat] = 1
            return True

    def free(self, seat: int) -> None:
        if seat >= len(self._sold):
            return
        self._holder[seat] = None                     # forgot the lock
        self._sold[seat] = 0

    def holder(self, seat: int):
        if seat < len(self._holder):
            with self._guard:
                return self._holder[seat]
        return None


def box_office(m: SeatMap, orders) -> None:
    for seat, who in orders:
        m.book(seat, who)


def refunds(m: SeatMap, seats) -> None:
    for seat in seats:
        m.free(seat)


def open_sales(m: SeatMap, orders, seats) -> None:
    threading.Thread(target=box_office, args=(m, orders)).start()
    threading.Thread(target=refunds, args=(m, seats)).start()
