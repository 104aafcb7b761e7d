"""IL301 on two objects of one class: `move_to` locks its own shelf, then the destination's.
One worker moves stock from shelf x to shelf y while another moves from y to x: each holds its
own shelf's `_mutex` and waits for the other's."""
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
        with self._mutex:
            have = self.items.get(sku, 0)
            if have < n:
                return
            with dest._mutex:
                self.items[sku] = have - n
                dest.items[sku] = dest.items.get(sku, 0) + n


def rebalance(x: Shelf, y: Shelf) -> None:
    threading.Thread(target=x.move_to, args=(y, "apple", 3)).start()
    threading.Thread(target=y.move_to, args=(x, "apple", 2)).start()
