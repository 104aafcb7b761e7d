"""IL301 on `Bin.guard`: `move` fetches two bins from the depot (`-> Bin`) and locks the source,
then the destination. `move("a", "b")` on one thread and `move("b", "a")` on another each hold
one bin's guard and wait for the other's."""
import threading


class Bin:
    def __init__(self, label: str) -> None:
        self.label = label
        self.guard = threading.Lock()
        self.units = 0


class Depot:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._bins: dict[str, Bin] = {}

    def bin(self, label: str) -> Bin:
        with self._lock:
            return self._bins.setdefault(label, Bin(label))

    def move(self, src_label: str, dst_label: str, n: int) -> None:
        src = self.bin(src_label)
        dst = self.bin(dst_label)
        with src.guard:
            with dst.guard:
                src.units -= n
                dst.units += n
