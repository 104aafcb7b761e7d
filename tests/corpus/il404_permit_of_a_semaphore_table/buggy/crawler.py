"""Crawler with a per-host concurrency cap. fetch() takes a permit from the host's semaphore,
awaits the download and gives the permit back after it; a timeout (wait_for cancels the
fetch) or a connection error skips release(), the permit is lost, and after `limit` failures
the host is never crawled again. The semaphore is a local taken from the crawler's table
(`sem = self.limits[host]`): an element of shared state, which outlives the coroutine."""
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
        await sem.acquire()
        async with self.session.get(url) as resp:
            body = await resp.text()
        sem.release()
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
