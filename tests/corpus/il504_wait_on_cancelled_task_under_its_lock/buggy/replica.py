"""IL504 on `ReplicaSync._lock`/`_sync`: `pause` cancels the pull task and waits for it with
`asyncio.wait` (no timeout) while holding `_lock`; the task's `finally` needs `_lock` to record
that it stopped, so the pause never returns."""
import asyncio


class ReplicaSync:
    def __init__(self, primary):
        self._primary = primary
        self._lock = asyncio.Lock()
        self._position = 0
        self._following = False
        self._sync = None

    async def follow(self):
        async with self._lock:
            self._following = True
            self._sync = asyncio.create_task(self._pull())

    async def _pull(self):
        try:
            while True:
                batch = await self._primary.fetch_next()
                self._position += len(batch)
        finally:
            async with self._lock:
                self._following = False

    async def pause(self):
        async with self._lock:
            self._sync.cancel()
            await asyncio.wait([self._sync])
            return self._position
