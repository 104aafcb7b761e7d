import enum
import threading


class Status(enum.Enum):
    PLACED = 1
    PAID = 2
    SHIPPED = 3
    DELIVERED = 4
    REFUNDED = 5


# which status may follow which: the one place the order workflow is written down
NEXT = {
    Status.PLACED: (Status.PAID, Status.REFUNDED),
    Status.PAID: (Status.SHIPPED, Status.REFUNDED),
    Status.SHIPPED: (Status.DELIVERED,),
    Status.DELIVERED: (),
    Status.REFUNDED: (),
}


class Order:
    def __init__(self, order_id: str):
        self.order_id = order_id
        self._guard = threading.Lock()
        self.status = Status.PLACED

    def _advance(self, target: Status) -> bool:
        # caller holds self._guard
        if target in NEXT.get(self.status, ()):
            self.status = target
            return True
        return False

    def pay(self) -> bool:
        with self._guard:
            return self._advance(Status.PAID)

    def ship(self) -> bool:
        with self._guard:
            return self._advance(Status.SHIPPED)

    def deliver(self) -> bool:
        with self._guard:
            return self._advance(Status.DELIVERED)

    def refund(self) -> bool:
        # skips the table: a shipped order is refunded too
        with self._guard:
            self.status = Status.REFUNDED
            return True
