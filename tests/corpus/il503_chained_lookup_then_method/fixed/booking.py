import asyncio
from enum import Enum

from fastapi import FastAPI

app = FastAPI()


class Status(Enum):
    PENDING = "pending"
    CHARGING = "charging"
    CONFIRMED = "confirmed"


class Reservation:
    def __init__(self, rid: str):
        self.rid = rid
        self.status = Status.PENDING

    async def _charge_card(self) -> None:
        await asyncio.sleep(0.1)

    async def confirm(self) -> bool:
        if self.status is not Status.PENDING:
            return False
        self.status = Status.CHARGING
        try:
            await self._charge_card()
        except Exception:
            self.status = Status.PENDING
            raise
        self.status = Status.CONFIRMED
        return True


class Ledger:
    def __init__(self):
        self._open: dict[str, Reservation] = {}

    def lookup(self, rid: str) -> Reservation:
        return self._open.setdefault(rid, Reservation(rid))


ledger = Ledger()


@app.post("/reservations/{rid}/confirm")
async def confirm_reservation(rid: str):
    return {"charged": await ledger.lookup(rid).confirm()}
