"""IL401: the async handler track_cover calls fetch_cover -> _download -> requests.get (covers.py):
the sync HTTP call blocks the event loop and stalls /health and every other request."""
import asyncio

from fastapi import FastAPI

from covers import fetch_cover

app = FastAPI()


@app.get("/tracks/{track_id}/cover")
async def track_cover(track_id: int):
    url = f"https://covers.example/{track_id}.jpg"
    data = fetch_cover(url)
    return {"track": track_id, "size": len(data)}


@app.get("/health")
async def health():
    await asyncio.sleep(0)
    return {"ok": True}
