"""Fixed twin: `request` cancels the pending reindex task and stores the new one with no await in
between, so there is only ever one pending reindex (a cancelled one unwinds on its own)."""
import asyncio

from fastapi import FastAPI


async def rebuild_index():
    await asyncio.sleep(1.0)


class Reindexer:
    def __init__(self, delay: float):
        self.delay = delay
        self._task = None
        self.runs = 0

    def request(self):
        if self._task is not None:
            self._task.cancel()
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
    reindexer.request()
    return {"ok": True}


@app.delete("/tracks/{track_id}")
async def delete_track(track_id: int):
    tracks.pop(track_id, None)
    reindexer.request()
    return {"ok": True}


@app.get("/index")
async def index_status():
    return {"runs": reindexer.runs}
