"""Auction desk: bidders submit bids; the highest bid per lot is kept after the ledger records it."""


class Ledger:
    def __init__(self, db):
        self._db = db

    async def record(self, lot: str, amount: int) -> None:
        await self._db.execute("INSERT INTO bids VALUES ($1, $2)", lot, amount)


class AuctionDesk:
    def __init__(self, ledger: Ledger):
        self._ledger = ledger
        self.highest: dict[str, int] = {}

    async def submit(self, lot: str, amount: int) -> bool:
        if amount <= self.highest.get(lot, 0):
            return False
        await self._ledger.record(lot, amount)
        self.highest[lot] = amount
        return True

    def standing(self, lot: str) -> int:
        return self.highest.get(lot, 0)
