"""Fixed twin: `broadcast` copies the room's set before the loop (no await in between), so
joins and leaves during the sends change the set, not the copy."""
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
        for ws in list(self.members.get(room, ())):
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
