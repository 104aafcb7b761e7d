import threading


class Event:
    def __init__(self, seats: int):
        self._gate = threading.Lock()
        self._left = seats

    @property
    def remaining(self) -> int:
        with self._gate:
            return self._left

    @remaining.setter
    def remaining(self, n: int) -> None:
        with self._gate:
            self._left = n

    def sell(self, n: int = 1) -> bool:
        with self._gate:
            if self._left < n:
                return False
            self._left -= n
            return True


def seller(ev: Event, orders) -> None:
    for n in orders:
        ev.sell(n)


def open_box_offices(ev: Event, queues) -> None:
    for q in queues:
        threading.Thread(target=seller, args=(ev, q)).start()
