"""IL504 on `LeaseKeeper._lock`/`_renewer`: `rotate` cancels the renewal task and awaits it while
still holding `_lock`. The cancelled task unwinds through its `finally`, which takes `_lock` to
mark the lease inactive: the task waits for the lock, `rotate` waits for the task, and neither
ever resumes."""
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
            old = self._renewer
            old.cancel()
            try:
                await old
            except asyncio.CancelledError:
                pass
            self._client = client
            self._active = True
            self._renewer = asyncio.create_task(self._renew())
