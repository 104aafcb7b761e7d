"""fixed: the unmark sits in the `finally:` around the yield, so it runs when a disconnect or a
cancellation in the `async with` body is thrown in at the yield."""
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
        try:
            yield
        finally:
            self.seated.discard(player)


lobby = Lobby()


@app.websocket("/ws/table/{player}")
async def table(ws: WebSocket, player: str):
    await ws.accept()
    async with lobby.seat(player):
        while True:
            move = await ws.receive_json()
            await ws.send_json({"ok": move})
