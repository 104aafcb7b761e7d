"""IL403: every library change asks for a reindex, debounced: `request` cancels the pending
reindex task, awaits its end, then stores a new one. Two changes arriving together both cancel
the same old task, both await it, and both store a new task: the first new task is overwritten
without being cancelled, and the index is rebuilt twice (once on a stale view)."""
import asyncio

from fastapi import FastAPI


async def rebuild_index():
    await asyncio.sleep(1.0)


class Reindexer:
    def __init__(self, delay: float):
        self.delay = delay
        self._task = None
        self.runs = 0

    async def request(self):
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        self._task = asyncio.create_task(self._later())

    async def _later(self):
        await asyncio.sleep(self.delay)
        await rebuild_index()
        self.runs += 1


app = FastAPI()
reindexer = Reindexer(2.0)
tracks = {}


@app.put("/tracks/{track_id}")
async def put_track(track_id: int, title: str):
    tracks[track_id] = title
    await reindexer.request()
    return {"ok": True}


@app.delete("/tracks/{track_id}")
async def delete_track(track_id: int):
    tracks.pop(track_id, None)
    await reindexer.request()
    return {"ok": True}


@app.get("/index")
async def index_status():
    return {"runs": reindexer.runs}
