import asyncio


class Limiter:
    """At most `limit` uploads at once, counted by hand.

    `acquire` waits in a `while`: a waiter woken by `set()` looks at the count again before it
    takes a slot, so the count stays within the limit.
    """

    def __init__(self, limit):
        self.limit = limit
        self.in_use = 0
        self._freed = asyncio.Event()

    async def acquire(self):
        while self.in_use >= self.limit:
            self._freed.clear()
            await self._freed.wait()
        self.in_use += 1

    def release(self):
        self.in_use -= 1
        self._freed.set()


class Uploader:
    def __init__(self):
        self.limiter = Limiter(4)

    async def handle(self, reader, writer):
        await self.limiter.acquire()
        try:
            data = await reader.read(65536)
            writer.write(len(data).to_bytes(4, "big"))
            await writer.drain()
        finally:
            self.limiter.release()
            writer.close()


async def main():
    server = await asyncio.start_server(Uploader().handle, "0.0.0.0", 8081)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
