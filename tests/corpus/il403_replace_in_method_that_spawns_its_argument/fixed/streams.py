"""Fixed twin: an asyncio.Lock around the whole swap; a second "play" of the client waits until
the first has stored its stream, then cancels that one."""
import asyncio

from fastapi import FastAPI, WebSocket


class StreamRegistry:
    def __init__(self) -> None:
        self.active: dict[str, asyncio.Task] = {}
        self._swap = asyncio.Lock()

    async def start(self, client_id: str, coro) -> None:
        async with self._swap:
            old = self.active.get(client_id)
            if old is not None:
                old.cancel()
                try:
                    await old
                except asyncio.CancelledError:
                    pass
            self.active[client_id] = asyncio.create_task(coro)


app = FastAPI()
streams = StreamRegistry()


async def pump(ws: WebSocket, track: int) -> None:
    for _ in range(10):
        await ws.send_bytes(bytes(4096))
        await asyncio.sleep(0.01)


@app.websocket("/ws/{client_id}")
async def player(websocket: WebSocket, client_id: str):
    await websocket.accept()
    while True:
        msg = await websocket.receive_json()
        await streams.start(client_id, pump(websocket, int(msg["track"])))
