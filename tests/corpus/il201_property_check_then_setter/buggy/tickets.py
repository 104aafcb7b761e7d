"""IL201: `sell()` is called by every sales thread. It tests the remaining tickets through the
`remaining` property and then stores the decremented count through its setter. The getter and
the setter each lock, but the test and the store are separate critical sections: two sellers
both see 1 ticket left and both sell it. Making the decrement atomic would not stop that: the
test must be in the critical section of the store."""
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
        if self.remaining < n:
            return False
        self.remaining = self.remaining - n
        return True


def seller(ev: Event, orders) -> None:
    for n in orders:
        ev.sell(n)


def open_box_offices(ev: Event, queues) -> None:
    for q in queues:
        threading.Thread(target=seller, args=(ev, q)).start()
