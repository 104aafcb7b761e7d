"""IL403: the per-key lock helper awaits (it records the event) between finding no lock for the
key and storing a new one: two misses on one key both create a lock, each holds its own, and
both load and store the album."""
import asyncio
import time

from fastapi import FastAPI


class AsyncCache:
    def __init__(self, loader, ttl=300.0):
        self._loader = loader
        self._ttl = ttl
        self._data = {}
        self._locks = {}
        self.hits = 0
        self.misses = 0

    async def _lock_for(self, key):
        lock = self._locks.get(key)
        if lock is None:
            await self._record("lock-created", key)
            lock = asyncio.Lock()
            self._locks[key] = lock
        return lock

    async def _record(self, event, key):
        await asyncio.sleep(0)

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
        if value is not None:
            self.hits += 1
            return value
        async with await self._lock_for(key):
            value = self._fresh(key)
            if value is None:
                self.misses += 1
                value = await self._loader(key)
                self._data[key] = (value, time.monotonic())
            return value

    def invalidate(self, key):
        self._data.pop(key, None)

    def sweep(self):
        now = time.monotonic()
        for key, (_, stamp) in list(self._data.items()):
            if now - stamp > self._ttl:
                del self._data[key]
                lock = self._locks.get(key)
                if lock is not None and not lock.locked():
                    del self._locks[key]


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


@app.post("/cache/sweep")
async def sweep():
    albums.sweep()
    return {"hits": albums.hits, "misses": albums.misses}
