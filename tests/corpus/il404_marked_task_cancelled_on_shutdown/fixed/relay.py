"""Fixed twin of IL404: `open_channel` counts the channel and starts a pump task that uncounts it
when the stream ends, outside `finally`; here nothing cancels a pump (`shutdown` ends each stream
with a `None`), so every pump reaches its `-= 1`."""
import asyncio


class Relay:
    def __init__(self) -> None:
        self.open_channels = 0
        self._pumps: set[asyncio.Task] = set()

    async def _pump(self, source: asyncio.Queue, sink: asyncio.Queue) -> None:
        while (item := await source.get()) is not None:
            await sink.put(item)
        self.open_channels -= 1

    def open_channel(self, source: asyncio.Queue, sink: asyncio.Queue) -> None:
        self.open_channels += 1
        pump = asyncio.ensure_future(self._pump(source, sink))
        self._pumps.add(pump)
        pump.add_done_callback(self._pumps.discard)

    async def shutdown(self, sources: list[asyncio.Queue]) -> None:
        for source in sources:
            await source.put(None)
        await asyncio.gather(*self._pumps)
