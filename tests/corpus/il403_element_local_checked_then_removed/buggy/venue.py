"""IL403: `authorize` finds the seat still held in the show's set, awaits the payment gateway,
then removes it. Two checkouts of one seat both pass the check before either removes it: the
seat is charged twice and the second `remove` raises KeyError after its payment went through."""
from fastapi import FastAPI, HTTPException

app = FastAPI()


class Gateway:
    async def charge(self, show: str, seat: str) -> None:
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
        await gateway.charge(show, seat)
        seats.remove(seat)
        return True


venue = Venue()
gateway = Gateway()


@app.post("/shows/{show}/seats/{seat}/hold")
async def hold(show: str, seat: str):
    venue.hold(show, seat)


@app.post("/shows/{show}/seats/{seat}/buy")
async def buy(show: str, seat: str):
    if not await venue.authorize(show, seat, gateway):
        raise HTTPException(409, "seat not held")
