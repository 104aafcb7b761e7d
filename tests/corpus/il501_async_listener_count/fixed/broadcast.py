"""Fixed twin: the read-modify-write of the count has no await in between (atomic on the loop)."""
import asyncio


class Broadcaster:
    def __init__(self):
        self.listeners = 0

    async def handle(self, websocket) -> None:
        await self._register()
        try:
            await websocket.send_text("welcome")
        finally:                        # a disconnect still unregisters (no IL404)
            await self._unregister()

    async def _register(self) -> None:
        await asyncio.sleep(0)          # e.g. logging to an async sink
        self.listeners += 1

    async def _unregister(self) -> None:
        await asyncio.sleep(0)
        self.listeners -= 1
