"""A FastAPI box office. `reserve()` takes the seats before it awaits the payment (check and
take run with no await in between) and gives them back if the charge fails."""
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
        if self._seats_left() < count:
            return False
        self._seats -= count
        try:
            await self._charge(card, count)
        except Exception:
            self._seats += count
            raise
        return True


office = BoxOffice(120)


@app.post("/book/{card}/{count}")
async def book(card: str, count: int) -> dict:
    return {"ok": await office.reserve(card, count)}
