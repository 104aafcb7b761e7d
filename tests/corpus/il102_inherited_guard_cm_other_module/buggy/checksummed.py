"""IL102: `append_all` extends the pending list without `_holding()`, while the sync thread of the
base class (two modules up) swaps it under `_mutex`."""
from framed import FramedJournal


class ChecksummedJournal(FramedJournal):
    def append_all(self, records: list) -> None:
        framed = [self.frame(r) for r in records]
        self._pending.extend(framed)

    def append_one(self, record) -> None:
        with self._holding():
            self._pending.append(self.frame(record))
