"""Upload slots shared by the coroutines of one gather; each coroutine gets the limiter as an argument."""
import asyncio


class UploadSlots:
    def __init__(self, slots: int) -> None:
        self.free = slots

    async def _audit(self, note: str) -> None:
        await asyncio.sleep(0)

    async def take(self) -> None:
        while self.free == 0:
            await asyncio.sleep(0.1)
        self.free -= 1                      # taken right after the check, no await between
        await self._audit("take")

    def put_back(self) -> None:
        self.free += 1


async def upload(slots, name):
    await slots.take()
    try:
        await asyncio.sleep(0.5)
    finally:
        slots.put_back()


async def upload_all(names):
    slots = UploadSlots(2)
    await asyncio.gather(*(upload(slots, n) for n in names))
