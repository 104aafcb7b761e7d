"""Fixed: an asyncio.Lock is held from the check to the write."""
import asyncio

from fastapi import FastAPI

app = FastAPI()
active_stream = None
_lock = asyncio.Lock()


async def open_stream(track_id):
    await asyncio.sleep(0.1)
    return {"track": track_id}


@app.post("/stream/{track_id}")
async def start_stream(track_id: int):
    global active_stream
    async with _lock:
        if active_stream is None:
            active_stream = await open_stream(track_id)
    return active_stream
