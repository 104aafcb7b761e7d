"""IL402: publish holds a threading.Lock across `await ws.send_json`; the second publish task
blocks the whole event loop on the lock, so the first can never resume and release it."""
import asyncio
import threading


class Broadcaster:
    def __init__(self):
        self._lock = threading.Lock()
        self.clients = []
        self.last_state = {}

    async def add(self, ws):
        with self._lock:
            self.clients.append(ws)

    async def publish(self, state):
        with self._lock:
            self.last_state = state
            for ws in list(self.clients):
                await ws.send_json(state)


async def main(bc):
    await asyncio.gather(bc.publish({"a": 1}), bc.publish({"a": 2}))
