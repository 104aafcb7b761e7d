"""IL403 on `Cache._client`: `client` checks for a client, awaits the connect, then stores it;
the jobs in jobs.py reach it through `from cache import cache` and run at once, so several see
None during the await and each connects (all but one client leak)."""
import asyncio


class Client:
    async def get(self, key):
        await asyncio.sleep(0)
        return key


async def connect(url):
    await asyncio.sleep(0.05)
    return Client()


class Cache:
    def __init__(self, url):
        self.url = url
        self._client = None

    async def client(self):
        if self._client is None:
            self._client = await connect(self.url)
        return self._client

    async def get(self, key):
        c = await self.client()
        return await c.get(key)


cache = Cache("redis://cache")
