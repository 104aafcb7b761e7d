"""IL404: the lobby's `seated` context manager marks the player seated, yields to the `async
with` body, and unmarks after the yield; a disconnect or cancellation in the body is thrown in at
the yield, so the player stays seated and can never join another table."""
from contextlib import asynccontextmanager

from fastapi import FastAPI, WebSocket

app = FastAPI()


class Lobby:
    def __init__(self):
        self.seated: set[str] = set()

    @asynccontextmanager
    async def seat(self, player: str):
        if player in self.seated:
            raise RuntimeError("already seated")
        self.seated.add(player)
        yield
        self.seated.discard(player)


lobby = Lobby()


@app.websocket("/ws/table/{player}")
async def table(ws: WebSocket, player: str):
    await ws.accept()
    async with lobby.seat(player):
        while True:
            move = await ws.receive_json()
            await ws.send_json({"ok": move})
