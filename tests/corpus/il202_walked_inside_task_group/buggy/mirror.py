"""A mirror syncer: `sync` downloads every package in an `asyncio.TaskGroup` but writes the
index inside the `async with` block, awaiting each line, while the downloads (which the block
only waits for at its exit) still add to `fetched`."""
import asyncio


class MirrorSync:
    def __init__(self, packages, client, index):
        self.packages = list(packages)
        self.client = client
        self.index = index
        self.fetched = {}

    async def _download(self, name):
        blob = await self.client.fetch(name)
        self.fetched[name] = len(blob)

    async def sync(self):
        async with asyncio.TaskGroup() as tg:
            for name in self.packages:
                tg.create_task(self._download(name))
            for name, size in self.fetched.items():
                await self.index.write_line(f"{name} {size}")
