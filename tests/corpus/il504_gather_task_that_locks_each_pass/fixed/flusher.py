"""Fixed twin: the flush task never takes `_lock`. It learns about the shutdown from an
`asyncio.Event` and swaps the batch out between two awaits (atomic on the event loop), so
`close` may wait for it while holding the lock that orders `record` calls."""
import asyncio


class MetricsFlusher:
    def __init__(self, sink):
        self._sink = sink
        self._lock = asyncio.Lock()
        self._pending = []
        self._closing = asyncio.Event()
        self._pump = asyncio.create_task(self._flush_forever())

    async def record(self, sample):
        async with self._lock:
            self._pending.append(sample)

    async def _flush_forever(self):
        while not self._closing.is_set():
            batch, self._pending = self._pending, []
            await self._sink.write(batch)

    async def close(self):
        self._closing.set()
        async with self._lock:
            await asyncio.gather(self._pump)
