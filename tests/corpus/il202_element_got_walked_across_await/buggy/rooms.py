"""IL202 on `Rooms.members`: `broadcast` walks a room's set (got with `.get(room, ())`) and
awaits each send inside the loop, so a client joining the room meanwhile changes the set:
"Set changed size during iteration"."""
from fastapi import FastAPI, WebSocket

app = FastAPI()


class Rooms:
    def __init__(self):
        self.members: dict[str, set] = {}

    def join(self, room: str, ws) -> None:
        self.members.setdefault(room, set()).add(ws)

    def leave(self, room: str, ws) -> None:
        self.members.get(room, set()).discard(ws)

    async def broadcast(self, room: str, msg: str) -> None:
        for ws in self.members.get(room, ()):
            await ws.send_text(msg)


rooms = Rooms()


@app.websocket("/ws/{room}")
async def ws_endpoint(websocket: WebSocket, room: str):
    await websocket.accept()
    rooms.join(room, websocket)
    try:
        while True:
            msg = await websocket.receive_text()
            await rooms.broadcast(room, msg)
    finally:
        rooms.leave(room, websocket)
