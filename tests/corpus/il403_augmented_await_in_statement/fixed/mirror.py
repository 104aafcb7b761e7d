"""The size is awaited first; the counter is read and written with no await between."""
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
        size = await self._fetch(url)
        self.bytes_done += size

    async def run(self) -> int:
        await asyncio.gather(*(self._one(u) for u in self.urls))
        return self.bytes_done


def main(urls):
    return asyncio.run(Mirror(urls).run())
