"""IL501 on `Broadcaster.listeners`: `_register`/`_unregister` read the count, await, then
write it back; two WebSocket handlers interleave at the awaits, lose an update, and the
count goes negative after both disconnect."""
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
        count = self.listeners
        await asyncio.sleep(0)          # e.g. logging to an async sink
        self.listeners = count + 1

    async def _unregister(self) -> None:
        count = self.listeners
        await asyncio.sleep(0)
        self.listeners = count - 1
