"""IL504 on `MetricsFlusher._lock`/`_pump`: `close` sets the closing flag and then gathers the
flush task without releasing `_lock`. The task takes `_lock` at the top of every pass to swap
the pending batch out; if it is between two passes (writing the last batch) when `close` starts,
its next pass waits for the lock while `close` waits for the task."""
import asyncio


class MetricsFlusher:
    def __init__(self, sink):
        self._sink = sink
        self._lock = asyncio.Lock()
        self._pending = []
        self._closing = False
        self._pump = asyncio.create_task(self._flush_forever())

    async def record(self, sample):
        async with self._lock:
            self._pending.append(sample)

    async def _flush_forever(self):
        while True:
            async with self._lock:
                if self._closing:
                    return
                batch, self._pending = self._pending, []
            await self._sink.write(batch)

    async def close(self):
        async with self._lock:
            self._closing = True
            await asyncio.gather(self._pump)
