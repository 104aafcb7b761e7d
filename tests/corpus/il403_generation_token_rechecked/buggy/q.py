"""IL403: each request stores its generation in the service, awaits the lookup, then records the
service's generation as the one it applied: a newer request stored its own during the await, so
the older request's tracks are recorded under the newer generation."""
import asyncio

from fastapi import FastAPI


class QueueService:
    def __init__(self):
        self._lock = asyncio.Lock()
        self._next = 0
        self._generation = 0
        self.tracks = []
        self.applied = 0

    async def set_queue(self, ids: list[int]):
        async with self._lock:
            self._next += 1
            generation = self._next
        return await self._apply(ids, generation)

    async def _apply(self, ids: list[int], generation: int):
        self._generation = generation
        resolved = await asyncio.to_thread(sorted, ids)
        self.tracks = resolved
        self.applied = self._generation
        return True


app = FastAPI()
service = QueueService()


@app.post("/queue")
async def set_queue(ids: list[int]):
    return {"applied": await service.set_queue(ids)}
