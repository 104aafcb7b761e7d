import asyncio


class LogTail:
    def __init__(self, store):
        self._store = store
        self._offset = 0
        self._turn = asyncio.Lock()

    async def pull(self):
        async with self._turn:
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
