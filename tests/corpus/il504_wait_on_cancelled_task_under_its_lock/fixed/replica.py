"""Fixed twin (timeout): `pause` waits at most five seconds. At the timeout `wait_for` cancels
the task again, which interrupts its `finally` while it waits for `_lock`: the task ends,
`pause` gets TimeoutError and handles it. A stall, not a deadlock."""
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
            try:
                await asyncio.wait_for(self._sync, timeout=5)
            except (asyncio.TimeoutError, asyncio.CancelledError):
                pass
            return self._position
