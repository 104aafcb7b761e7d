"""Fixed: the sync chain runs in a worker thread via asyncio.to_thread."""
import asyncio

from fastapi import FastAPI

from covers import fetch_cover

app = FastAPI()


@app.get("/tracks/{track_id}/cover")
async def track_cover(track_id: int):
    url = f"https://covers.example/{track_id}.jpg"
    data = await asyncio.to_thread(fetch_cover, url)
    return {"track": track_id, "size": len(data)}


@app.get("/health")
async def health():
    await asyncio.sleep(0)
    return {"ok": True}
