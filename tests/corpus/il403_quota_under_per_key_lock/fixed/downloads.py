"""Each URL is fetched once, under that URL's asyncio lock (`defaultdict(asyncio.Lock)`); the
bytes cached, shared by every URL, are read and updated after the download's await, with no
await in between."""
import asyncio
from collections import defaultdict

from fastapi import FastAPI

LIMIT = 64 * 1024 * 1024


async def download(url: str) -> bytes:
    await asyncio.sleep(0.1)
    return url.encode()


class Downloads:
    def __init__(self):
        self._locks = defaultdict(asyncio.Lock)
        self._files = {}
        self.cache_bytes = 0

    async def fetch(self, url: str) -> bytes:
        async with self._locks[url]:
            if url in self._files:
                return self._files[url]
            data = await download(url)
            if self.cache_bytes + len(data) <= LIMIT:
                self._files[url] = data
                self.cache_bytes += len(data)
            return data


app = FastAPI()
downloads = Downloads()


@app.get("/fetch")
async def fetch(url: str):
    data = await downloads.fetch(url)
    return {"size": len(data), "cached": downloads.cache_bytes}
