"""Fixed twin: `rotate` takes the old task out under the lock, releases the lock, then cancels
and awaits the task (its `finally` can take the lock), and locks again to start the new one."""
import asyncio


class LeaseKeeper:
    def __init__(self, client):
        self._client = client
        self._lock = asyncio.Lock()
        self._active = False
        self._renewals = 0
        self._renewer = None

    async def start(self):
        async with self._lock:
            self._active = True
            self._renewer = asyncio.create_task(self._renew())

    async def _renew(self):
        try:
            while True:
                await self._client.renew()
                self._renewals += 1
                await asyncio.sleep(10)
        finally:
            async with self._lock:
                self._active = False

    async def rotate(self, client):
        async with self._lock:
            old, self._renewer = self._renewer, None
        old.cancel()
        try:
            await old
        except asyncio.CancelledError:
            pass
        async with self._lock:
            self._client = client
            self._active = True
            self._renewer = asyncio.create_task(self._renew())
