"""IL601 on `ShiftTally.per_shift`: `[{}] * 3` is one dict three times; `tally` takes a slot into
a local and writes a key through it, so every shift gets every shift's counts."""
import threading


class ShiftTally:
    def __init__(self):
        self._guard = threading.Lock()
        self.per_shift = [{}] * 3

    def tally(self, shift: int, badge: str) -> None:
        with self._guard:
            counts = self.per_shift[shift]
            counts[badge] = counts.get(badge, 0) + 1

    def totals(self) -> list:
        with self._guard:
            return [len(c) for c in self.per_shift]


def bin_parcels(parcels, lanes: int):
    out = [list()] * lanes
    for i, p in enumerate(parcels):
        lane = out[i % lanes]
        lane.append(p)
    return out
