"""IL404 on `Broadcaster.listeners` and `Broadcaster.active`: each count goes up through a local
copy (`count = self.listeners; self.listeners = count + 1`) and comes down the same way after an
await, outside `finally`. A client that disconnects during the send raises at the await, the
decrement never runs, and the count only grows."""


class Broadcaster:
    def __init__(self):
        self.listeners = 0
        self.active = 0

    async def handle(self, websocket) -> None:
        await self._register()
        await websocket.send_text("welcome")     # raises on disconnect: _unregister never runs
        await self._unregister()

    async def stream(self, websocket) -> None:
        n = self.active
        self.active = n + 1
        async for chunk in websocket.iter_text():
            await websocket.send_text(chunk)
        self.active = self.active - 1

    async def _register(self) -> None:
        count = self.listeners
        self.listeners = count + 1

    async def _unregister(self) -> None:
        count = self.listeners
        self.listeners = count - 1
