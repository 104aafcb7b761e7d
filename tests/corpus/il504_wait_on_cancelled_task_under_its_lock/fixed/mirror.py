"""Fixed twin (another lock): the mirror task's `finally` takes `_stats_lock`, not the `_lock`
that `pause` holds while it waits for the task, so the task can always finish."""
import asyncio


class MirrorSync:
    def __init__(self, primary):
        self._primary = primary
        self._lock = asyncio.Lock()
        self._stats_lock = asyncio.Lock()
        self._position = 0
        self._stops = 0
        self._sync = None

    async def follow(self):
        async with self._lock:
            self._sync = asyncio.create_task(self._pull())

    async def _pull(self):
        try:
            while True:
                batch = await self._primary.fetch_next()
                self._position += len(batch)
        finally:
            async with self._stats_lock:
                self._stops += 1

    async def pause(self):
        async with self._lock:
            self._sync.cancel()
            await asyncio.wait([self._sync])
            return self._position
