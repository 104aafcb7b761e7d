"""IL202 on `Hub.clients`: the heartbeat task awaits inside its loop over the set, so `leave`
(another task) can remove a client mid-iteration: "Set changed size during iteration"."""
import asyncio


class Hub:
    def __init__(self):
        self._lock = asyncio.Lock()
        self.clients = set()
        self._task = None

    def start(self):
        self._task = asyncio.create_task(self._heartbeat())

    async def _heartbeat(self):
        while True:
            for ws in self.clients:
                await ws.send_text("ping")
            await asyncio.sleep(5)

    async def join(self, ws):
        async with self._lock:
            self.clients.add(ws)

    async def leave(self, ws):
        async with self._lock:
            self.clients.discard(ws)
