"""IL403: the cache takes no per-key lock: two requests missing the same key both find it absent,
both await the loader, and both store it (the album is loaded twice, the first value is lost)."""
import asyncio
import time

from fastapi import FastAPI


class AsyncCache:
    def __init__(self, loader, ttl=300.0):
        self._loader = loader
        self._ttl = ttl
        self._data = {}
        self._locks = {}
        self.misses = 0

    def _fresh(self, key):
        entry = self._data.get(key)
        if entry is None:
            return None
        value, stamp = entry
        if time.monotonic() - stamp > self._ttl:
            return None
        return value

    async def get(self, key):
        value = self._fresh(key)
        if value is None:
            self.misses += 1
            value = await self._loader(key)
            self._data[key] = (value, time.monotonic())
        return value

    def invalidate(self, key):
        self._data.pop(key, None)


async def load_album(album_id):
    await asyncio.sleep(0.2)
    return {"id": album_id}


app = FastAPI()
albums = AsyncCache(load_album)


@app.get("/albums/{album_id}")
async def album(album_id: int):
    return await albums.get(album_id)


@app.delete("/albums/{album_id}")
async def drop(album_id: int):
    albums.invalidate(album_id)
    return {"ok": True}


@app.get("/cache")
async def stats():
    return {"misses": albums.misses}
