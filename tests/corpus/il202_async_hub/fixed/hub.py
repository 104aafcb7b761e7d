"""Fixed twin: the heartbeat iterates over a snapshot of the set."""
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
            for ws in list(self.clients):
                await ws.send_text("ping")
            await asyncio.sleep(5)

    async def join(self, ws):
        async with self._lock:
            self.clients.add(ws)

    async def leave(self, ws):
        async with self._lock:
            self.clients.discard(ws)
