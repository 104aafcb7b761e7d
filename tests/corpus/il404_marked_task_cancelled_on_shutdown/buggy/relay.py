"""IL404: `open_channel` counts the channel in `open_channels` and starts a pump task that
uncounts it when the stream ends; `shutdown` cancels every pump it kept in `_pumps`. A pump
cancelled at its await never runs the `-= 1`, so the count only grows."""
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

    def shutdown(self) -> None:
        for pump in list(self._pumps):
            pump.cancel()
