"""Ticket sales: each purchase is validated by a guard helper, then charged, then booked."""
import asyncio


class SoldOut(Exception):
    pass


class Payments:
    async def charge(self, who: str, amount: int) -> str:
        await asyncio.sleep(0.01)  # pretend: call the payment provider
        return f"rcpt-{who}-{amount}"


class Event:
    def __init__(self, name: str, capacity: int, payments: Payments):
        self.name = name
        self._left = capacity
        self._payments = payments
        self.receipts: list[str] = []

    @property
    def seats_left(self) -> int:
        return self._left

    def _require(self, count: int) -> None:
        if count <= 0:
            raise ValueError("count must be positive")
        if self.seats_left < count:
            raise SoldOut(f"{self.name}: only {self.seats_left} left")

    async def buy(self, who: str, count: int) -> str:
        self._require(count)
        receipt = await self._payments.charge(who, count * 50)
        self._left -= count
        self.receipts.append(receipt)
        return receipt


async def main():
    event = Event("concert", 3, Payments())
    sales = await asyncio.gather(*(event.buy(f"fan{i}", 2) for i in range(3)), return_exceptions=True)
    print(sales, event.seats_left)


if __name__ == "__main__":
    asyncio.run(main())
