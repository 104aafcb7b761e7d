"""Crawler with a per-host concurrency cap: fetch() holds the host's permit in `async with`,
so a timeout or an error gives it back."""
import asyncio
from collections import defaultdict

import aiohttp


class Crawler:
    def __init__(self, per_host: int = 2) -> None:
        self.limits: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(per_host))
        self.pages: dict[str, str] = {}
        self.session: aiohttp.ClientSession | None = None

    async def fetch(self, url: str) -> str:
        host = url.split("/")[2]
        sem = self.limits[host]
        async with sem:
            async with self.session.get(url) as resp:
                body = await resp.text()
        self.pages[url] = body
        return body

    async def crawl(self, urls: list[str], timeout: float = 10.0) -> dict[str, str]:
        async with aiohttp.ClientSession() as session:
            self.session = session
            results = await asyncio.gather(
                *(asyncio.wait_for(self.fetch(u), timeout) for u in urls), return_exceptions=True)
        return {u: r for u, r in zip(urls, results) if isinstance(r, str)}


if __name__ == "__main__":
    print(asyncio.run(Crawler().crawl(["https://example.com/a", "https://example.com/b"])))
