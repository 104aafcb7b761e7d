"""Fixed: both shelf locks are taken in one global order (by shelf name, whichever shelf the
caller moves from)."""
import threading


class Shelf:
    def __init__(self, name: str) -> None:
        self.name = name
        self.items: dict[str, int] = {}
        self._mutex = threading.Lock()

    def count(self, sku: str) -> int:
        with self._mutex:
            return self.items.get(sku, 0)

    def move_to(self, dest: "Shelf", sku: str, n: int) -> None:
        lo, hi = (self, dest) if self.name < dest.name else (dest, self)
        with lo._mutex:
            with hi._mutex:
                have = self.items.get(sku, 0)
                if have < n:
                    return
                self.items[sku] = have - n
                dest.items[sku] = dest.items.get(sku, 0) + n


def rebalance(x: Shelf, y: Shelf) -> None:
    threading.Thread(target=x.move_to, args=(y, "apple", 3)).start()
    threading.Thread(target=y.move_to, args=(x, "apple", 2)).start()
