"""IL403 on `StreamRegistry.active`: one stream per client. `start` is handed the new stream's
coroutine and spawns it itself, after cancelling and awaiting the client's old stream. The call
`await streams.start(cid, pump(ws, track))` is a spawn of `pump` *and* a call of `start`, whose
body runs in the socket handler: two "play" messages of one client both cancel the same old
stream, both await it, and both store a new one; the first new stream is overwritten without
being cancelled and keeps sending."""
import asyncio

from fastapi import FastAPI, WebSocket


class StreamRegistry:
    def __init__(self) -> None:
        self.active: dict[str, asyncio.Task] = {}

    async def start(self, client_id: str, coro) -> None:
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
