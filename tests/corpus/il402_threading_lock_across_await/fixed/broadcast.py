"""Fixed: an asyncio.Lock with `async with` suspends the waiting task instead of the loop."""
import asyncio
import threading


class Broadcaster:
    def __init__(self):
        self._lock = asyncio.Lock()
        self.clients = []
        self.last_state = {}

    async def add(self, ws):
        async with self._lock:
            self.clients.append(ws)

    async def publish(self, state):
        async with self._lock:
            self.last_state = state
            for ws in list(self.clients):
                await ws.send_json(state)


async def main(bc):
    await asyncio.gather(bc.publish({"a": 1}), bc.publish({"a": 2}))
