"""Seat booking: booking clerks run in a thread pool and skip seats that are already taken."""
import threading
from concurrent.futures import ThreadPoolExecutor


class SeatMap:
    def __init__(self) -> None:
        self._mutex = threading.Lock()
        self._taken: dict[str, str] = {}

    def is_taken(self, seat: str) -> bool:
        with self._mutex:
            return seat in self._taken

    def book_all(self, guest: str, wanted: list[str]) -> list[str]:
        got = []
        for seat in wanted:
            if self.is_taken(seat):         # checked in one critical section ...
                continue
            with self._mutex:
                self._taken[seat] = guest   # ... booked in another: two guests get one seat
            got.append(seat)
        return got


def book_for_everyone(requests: dict[str, list[str]]) -> None:
    seats = SeatMap()
    with ThreadPoolExecutor(max_workers=4) as pool:
        for guest, wanted in requests.items():
            pool.submit(seats.book_all, guest, wanted)
