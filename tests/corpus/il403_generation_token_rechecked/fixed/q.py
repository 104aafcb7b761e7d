"""Fixed twin: generation tokens. Each request stores its generation in the service, and after
the await compares it with the stored one: a newer request that replaced it wins and this one
gives up, so the service's generation is never taken for this run's own."""
import asyncio

from fastapi import FastAPI


class QueueService:
    def __init__(self):
        self._lock = asyncio.Lock()
        self._next = 0
        self._generation = 0
        self.tracks = []

    async def set_queue(self, ids: list[int]):
        async with self._lock:
            self._next += 1
            generation = self._next
        return await self._apply(ids, generation)

    async def _apply(self, ids: list[int], generation: int):
        self._generation = generation
        resolved = await asyncio.to_thread(sorted, ids)
        if generation != self._generation:
            return False
        self.tracks = resolved
        return True


app = FastAPI()
service = QueueService()


@app.post("/queue")
async def set_queue(ids: list[int]):
    return {"applied": await service.set_queue(ids)}
