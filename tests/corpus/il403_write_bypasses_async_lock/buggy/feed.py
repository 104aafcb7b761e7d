"""IL403 on `PriceFeed._stream`: `publish` opens the stream under `_lock` (check, await the
connect, store), but `resubscribe` replaces the stream without the lock; it can store its stream
while `publish` awaits the connect, and `publish` then overwrites it (one stream leaks)."""
import asyncio


class Stream:
    async def write(self, data):
        await asyncio.sleep(0)

    async def aclose(self):
        await asyncio.sleep(0)


async def open_stream(topic):
    await asyncio.sleep(0.05)
    return Stream()


class PriceFeed:
    def __init__(self, topic):
        self.topic = topic
        self._lock = asyncio.Lock()
        self._stream = None

    async def publish(self, price):
        async with self._lock:
            if self._stream is None:
                self._stream = await open_stream(self.topic)
            await self._stream.write(price)

    async def resubscribe(self, topic):
        self.topic = topic
        self._stream = await open_stream(topic)


async def main():
    feed = PriceFeed("eur-usd")
    await asyncio.gather(feed.publish(1.08), feed.publish(1.09), feed.resubscribe("eur-gbp"))


asyncio.run(main())
