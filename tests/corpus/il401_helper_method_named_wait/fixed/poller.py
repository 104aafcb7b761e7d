"""fixed: each feed is polled by a task of an asyncio.TaskGroup; between attempts the poller calls
its back-off object's `wait`, a method of the program (not an Event's wait) that awaits asyncio.sleep
and lets the other pollers run."""
import asyncio

from backoff import Backoff


class FeedPoller:
    def __init__(self, urls):
        self.urls = urls
        self.backoff = Backoff()
        self.items = {}

    async def fetch(self, url):
        await asyncio.sleep(0.01)
        return [url]

    async def poll_one(self, url):
        for attempt in range(3):
            try:
                self.items[url] = await self.fetch(url)
                return
            except OSError:
                await self.backoff.wait(attempt)

    async def run(self):
        async with asyncio.TaskGroup() as tg:
            for url in self.urls:
                tg.create_task(self.poll_one(url))


if __name__ == "__main__":
    asyncio.run(FeedPoller(["a", "b"]).run())
