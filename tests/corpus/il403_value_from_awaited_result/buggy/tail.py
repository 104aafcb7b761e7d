"""IL403: several consumer tasks share one `LogTail`. Each reads the offset, awaits the chunk
stored after it, and stores the chunk's end as the new offset. The new offset comes from the
awaited result, which came from the old offset: two tasks read the same offset during each
other's await, both get the same chunk (processed twice), and the offset moves once."""
import asyncio


class LogTail:
    def __init__(self, store):
        self._store = store
        self._offset = 0

    async def pull(self):
        start = self._offset
        chunk = await self._store.read_from(start)
        self._offset = chunk.end
        return chunk.lines

    async def consume(self, sink):
        while True:
            for line in await self.pull():
                sink(line)


async def main(store, sinks):
    tail = LogTail(store)
    await asyncio.gather(*(tail.consume(s) for s in sinks))
