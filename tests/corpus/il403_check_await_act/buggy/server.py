"""IL403: start_stream checks active_stream, awaits open_stream, then sets it; two requests both
see None during the await and both open a stream (the first is leaked)."""
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
    if active_stream is None:
        active_stream = await open_stream(track_id)
    return active_stream
