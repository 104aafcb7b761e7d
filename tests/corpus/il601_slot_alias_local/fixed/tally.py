"""Fixed twin: one dict per shift and one list per lane."""
import threading


class ShiftTally:
    def __init__(self):
        self._guard = threading.Lock()
        self.per_shift = [{} for _ in range(3)]

    def tally(self, shift: int, badge: str) -> None:
        with self._guard:
            counts = self.per_shift[shift]
            counts[badge] = counts.get(badge, 0) + 1

    def totals(self) -> list:
        with self._guard:
            return [len(c) for c in self.per_shift]


def bin_parcels(parcels, lanes: int):
    out = [list() for _ in range(lanes)]
    for i, p in enumerate(parcels):
        lane = out[i % lanes]
        lane.append(p)
    return out
