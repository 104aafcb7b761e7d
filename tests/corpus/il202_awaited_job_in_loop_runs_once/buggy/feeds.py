"""IL202 on `FeedCache.entries`: the reload job empties and refills the dict on an executor
thread while a client's lookup iterates it on the loop. Only that: `keep_fresh` runs once (one
task from `main`) and awaits each reload before it sleeps and starts the next, so two reloads
never run at once and do not race with each other."""
import asyncio


class FeedCache:
    def __init__(self, listing: str):
        self.listing = listing
        self.entries: dict[str, list[str]] = {}

    def _reload(self) -> None:
        self.entries.clear()
        with open(self.listing, encoding="utf-8") as fh:
            for line in fh:
                name, _, url = line.partition("=")
                self.entries.setdefault(name.strip(), []).append(url.strip())

    async def keep_fresh(self, period: float = 30.0) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await loop.run_in_executor(None, self._reload)
            await asyncio.sleep(period)

    def lookup(self, prefix: str) -> list[str]:
        found = []
        for name, urls in self.entries.items():
            if name.startswith(prefix):
                found.extend(urls)
        return found


cache = FeedCache("/etc/feeds.list")


async def serve_client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    prefix = (await reader.readline()).decode().strip()
    writer.write("\n".join(cache.lookup(prefix)).encode() + b"\n")
    await writer.drain()
    writer.close()


async def main() -> None:
    refresher = asyncio.create_task(cache.keep_fresh())
    server = await asyncio.start_server(serve_client, "127.0.0.1", 7070)
    try:
        async with server:
            await server.serve_forever()
    finally:
        refresher.cancel()


if __name__ == "__main__":
    asyncio.run(main())
