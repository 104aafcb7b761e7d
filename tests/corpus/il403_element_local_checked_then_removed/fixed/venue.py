"""Fixed twin: `authorize` takes the seat out of the show's held set right after finding it
there, with no await in between, so a second checkout of the same seat finds it gone during the
payment; a failed payment puts the seat back."""
from fastapi import FastAPI, HTTPException

app = FastAPI()


class Gateway:
    async def charge(self, show: str, seat: str) -> None:
        ...

    async def refund(self, show: str, seat: str) -> None:
        ...


class Venue:
    def __init__(self):
        self.holds: dict[str, set[str]] = {}

    def hold(self, show: str, seat: str) -> None:
        self.holds.setdefault(show, set()).add(seat)

    async def authorize(self, show: str, seat: str, gateway: Gateway) -> bool:
        seats = self.holds.get(show)
        if seats is None or seat not in seats:
            return False
        seats.discard(seat)
        try:
            await gateway.charge(show, seat)
        except Exception:
            seats.add(seat)
            raise
        return True

    async def refund(self, orders: list[tuple[str, str]], gateway: Gateway) -> None:
        # a table this run builds for itself: its sets are no other run's
        by_show: dict[str, set[str]] = {}
        for show, seat in orders:
            by_show.setdefault(show, set()).add(seat)
        for show in by_show:
            seats = by_show[show]
            while seats:
                seat = min(seats)
                await gateway.refund(show, seat)
                seats.remove(seat)

    def summary(self) -> dict[str, int]:
        counts = {}
        for show, seats in self.holds.items():
            counts[show] = len(seats)
        return counts


venue = Venue()
gateway = Gateway()


@app.post("/shows/{show}/seats/{seat}/hold")
async def hold(show: str, seat: str):
    venue.hold(show, seat)


@app.post("/shows/{show}/seats/{seat}/buy")
async def buy(show: str, seat: str):
    if not await venue.authorize(show, seat, gateway):
        raise HTTPException(409, "seat not held")


@app.post("/refunds")
async def refunds(orders: list[tuple[str, str]]):
    await venue.refund(orders, gateway)
