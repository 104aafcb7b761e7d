"""Fixed: `client` builds the client once, under an asyncio.Lock; the check is repeated under
the lock (double-checked), so the fast path stays lock-free once the client exists."""
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
        self._connecting = asyncio.Lock()

    async def client(self):
        if self._client is None:
            async with self._connecting:
                if self._client is None:
                    self._client = await connect(self.url)
        return self._client

    async def get(self, key):
        c = await self.client()
        return await c.get(key)


cache = Cache("redis://cache")
