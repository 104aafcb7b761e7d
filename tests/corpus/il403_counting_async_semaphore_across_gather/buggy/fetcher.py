"""IL403 on `Fetcher.bytes_total`: `fetch` copies the total, awaits the store, then writes the
copy plus its body back; the `asyncio.Semaphore(5)` lets five fetches of one `gather` run that
span at once, so their additions overwrite each other."""
import asyncio


class Fetcher:
    def __init__(self, session, store):
        self._session = session
        self._store = store
        self._sem = asyncio.Semaphore(5)
        self.bytes_total = 0

    async def fetch(self, url):
        async with self._sem:
            body = await self._session.get(url)
            total = self.bytes_total
            await self._store.put(url, body)
            self.bytes_total = total + len(body)

    async def fetch_all(self, urls):
        await asyncio.gather(*(self.fetch(u) for u in urls))
        return self.bytes_total
