"""IL403 on `Downloads.cache_bytes`: each URL is fetched once, under that URL's asyncio lock
(`defaultdict(asyncio.Lock)`); but the bytes cached are shared by every URL. `fetch` reads the
total before it awaits the download and stores its sum after: a fetch of another URL (another
lock) adds its bytes during the await, and they are lost."""
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
            used = self.cache_bytes
            data = await download(url)
            if used + len(data) <= LIMIT:
                self._files[url] = data
                self.cache_bytes = used + len(data)
            return data


app = FastAPI()
downloads = Downloads()


@app.get("/fetch")
async def fetch(url: str):
    data = await downloads.fetch(url)
    return {"size": len(data), "cached": downloads.cache_bytes}
