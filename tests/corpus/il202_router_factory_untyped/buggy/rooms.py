"""IL202 on `Lobby.members`: the lobby reaches the WebSocket route as the `lobby: Any`
parameter of the router factory, typed by the one object its caller passes (the module's
`lobby`). The route is a closure that calls `lobby.announce`, which walks the list across
`await ws.send_text`, while another connection's `finally: lobby.leave(ws)` removes from it at
that await: "list changed size during iteration" (Auralis #2219's shape)."""
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
        for ws in self.members:
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
