"""A FastAPI box office. `reserve()` asks `_seats_left()` for the count, awaits the payment, then
stores the count minus the seats it sold: two requests both read 3, both charge, both store 1,
and the hall is oversold. The read sits in a sync helper, but it is still before the await."""
import asyncio

from fastapi import FastAPI

app = FastAPI()


class BoxOffice:
    def __init__(self, seats: int) -> None:
        self._seats = seats

    def _seats_left(self) -> int:
        return self._seats

    async def _charge(self, card: str, count: int) -> None:
        await asyncio.sleep(0.1)

    async def reserve(self, card: str, count: int) -> bool:
        left = self._seats_left()
        if left < count:
            return False
        await self._charge(card, count)
        self._seats = left - count
        return True


office = BoxOffice(120)


@app.post("/book/{card}/{count}")
async def book(card: str, count: int) -> dict:
    return {"ok": await office.reserve(card, count)}
