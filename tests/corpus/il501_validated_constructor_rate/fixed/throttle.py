import threading


class CreditThrottle:
    """Clients spend credit; a timer tops it up by a whole number per tick."""

    def __init__(self, per_tick: float, ceiling: int):
        if per_tick <= 0:
            raise ValueError("per_tick must be positive")
        if ceiling < 1:
            raise ValueError("ceiling must be at least 1")
        self._guard = threading.Lock()
        self.per_tick = per_tick
        self.ceiling = ceiling
        self.credit = ceiling

    def tick(self) -> None:
        with self._guard:
            self.credit = min(self.ceiling, self.credit + int(self.per_tick))

    def spend(self, cost: int) -> bool:
        if cost <= 0:
            return True
        with self._guard:
            if self.credit < cost:
                return False
            self.credit -= cost
        return True
