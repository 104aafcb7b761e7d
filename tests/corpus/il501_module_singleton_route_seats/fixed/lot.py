import asyncio

from fastapi import FastAPI, HTTPException

api = FastAPI()


class ParkingLot:
    def __init__(self, spaces: int):
        self.spaces = spaces
        self.parked = 0

    async def _open_barrier(self, plate: str) -> None:
        await asyncio.sleep(0.05)

    async def admit(self, plate: str) -> int:
        if self.parked >= self.spaces:
            raise HTTPException(409, "lot full")
        self.parked += 1
        await self._open_barrier(plate)
        return self.parked


lot = ParkingLot(spaces=40)


@api.post("/enter/{plate}")
async def enter(plate: str):
    return {"parked": await lot.admit(plate)}
