"""Fixed twin: `append_all` extends the pending list inside the inherited `_holding()` guard,
which holds `_mutex` although it is defined two modules up."""
from framed import FramedJournal


class ChecksummedJournal(FramedJournal):
    def append_all(self, records: list) -> None:
        framed = [self.frame(r) for r in records]
        with self._holding():
            self._pending.extend(framed)

    def append_one(self, record) -> None:
        with self._holding():
            self._pending.append(self.frame(record))
