"""IL403 on `TokenSource._token`: `token` checks for a token outside the lock and fetches it
under the lock without looking again: a second caller that saw None waits on the lock, then
fetches a second token and replaces the first."""
import asyncio


async def fetch_token(url):
    await asyncio.sleep(0.05)
    return "tok"


class TokenSource:
    def __init__(self, url):
        self.url = url
        self._token = None
        self._lock = asyncio.Lock()

    async def token(self):
        if self._token is None:
            async with self._lock:
                self._token = await fetch_token(self.url)
        return self._token

    async def expire(self):
        async with self._lock:
            self._token = None


async def call(src, n):
    return await src.token(), n


async def main():
    src = TokenSource("https://auth")
    await asyncio.gather(*(asyncio.create_task(call(src, n)) for n in range(4)))
    await src.expire()


asyncio.run(main())
