import asyncio


class Slots:
    """At most `limit` upstream connections at once, taken by `async with self.slots:`.

    `__aenter__` waits in a `while`: a woken waiter looks at the count again.
    """

    def __init__(self, limit):
        self.limit = limit
        self.in_use = 0
        self._freed = asyncio.Event()

    async def __aenter__(self):
        while self.in_use >= self.limit:
            self._freed.clear()
            await self._freed.wait()
        self.in_use += 1
        return self

    async def __aexit__(self, exc_type, exc, tb):
        self.in_use -= 1
        self._freed.set()
        return False


class Proxy:
    def __init__(self, upstream_host, upstream_port, limit=8):
        self.upstream = (upstream_host, upstream_port)
        self.slots = Slots(limit)

    async def _pipe(self, reader, writer):
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        finally:
            writer.close()

    async def handle(self, client_reader, client_writer):
        async with self.slots:
            up_reader, up_writer = await asyncio.open_connection(*self.upstream)
            await asyncio.gather(
                self._pipe(client_reader, up_writer),
                self._pipe(up_reader, client_writer),
            )


async def main():
    proxy = Proxy("10.0.0.5", 80)
    server = await asyncio.start_server(proxy.handle, "0.0.0.0", 8080)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
