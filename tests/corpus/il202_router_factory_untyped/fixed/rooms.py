"""Fixed twin: `announce` walks a snapshot of the members."""
from typing import Any

from fastapi import APIRouter, FastAPI, WebSocket


class Lobby:
    def __init__(self) -> None:
        self.members: list[WebSocket] = []

    async def join(self, ws: WebSocket) -> None:
        await ws.accept()
        self.members.append(ws)

    def leave(self, ws: WebSocket) -> None:
        if ws in self.members:
            self.members.remove(ws)

    async def announce(self, text: str) -> None:
        for ws in list(self.members):
            await ws.send_text(text)


def build_router(lobby: Any) -> APIRouter:
    router = APIRouter()

    @router.websocket("/lobby")
    async def lobby_socket(ws: WebSocket) -> None:
        await lobby.join(ws)
        try:
            while True:
                await lobby.announce(await ws.receive_text())
        finally:
            lobby.leave(ws)

    return router


app = FastAPI()
lobby = Lobby()
app.include_router(build_router(lobby))
