"""Fixed twin: the decrements run in `finally:`, so a disconnect or cancellation at the await
still brings each count back down."""


class Broadcaster:
    def __init__(self):
        self.listeners = 0
        self.active = 0

    async def handle(self, websocket) -> None:
        await self._register()
        try:
            await websocket.send_text("welcome")
        finally:
            await self._unregister()

    async def stream(self, websocket) -> None:
        n = self.active
        self.active = n + 1
        try:
            async for chunk in websocket.iter_text():
                await websocket.send_text(chunk)
        finally:
            self.active = self.active - 1

    async def _register(self) -> None:
        count = self.listeners
        self.listeners = count + 1

    async def _unregister(self) -> None:
        count = self.listeners
        self.listeners = count - 1
