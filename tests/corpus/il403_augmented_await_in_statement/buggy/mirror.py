"""IL403 on `Mirror.bytes_done`: `self.bytes_done += await self._fetch(url)` loads the counter,
then suspends in the await, then stores the loaded value plus the size; the other downloads of
the same `gather` add their sizes during the suspension and those additions are lost."""
import asyncio


class Mirror:
    def __init__(self, urls):
        self.urls = urls
        self.bytes_done = 0

    async def _fetch(self, url: str) -> int:
        reader, writer = await asyncio.open_connection(url, 80)
        data = await reader.read()
        writer.close()
        return len(data)

    async def _one(self, url: str) -> None:
        self.bytes_done += await self._fetch(url)

    async def run(self) -> int:
        await asyncio.gather(*(self._one(u) for u in self.urls))
        return self.bytes_done


def main(urls):
    return asyncio.run(Mirror(urls).run())
