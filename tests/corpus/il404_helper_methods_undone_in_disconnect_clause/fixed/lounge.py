"""Fixed twin of IL404: `lounge.enter(guest, ws)` puts the guest on the lounge's roster and `lounge.leave(guest)`
takes them off, but the handler calls `leave` only in `except WebSocketDisconnect:`. A message
that is not JSON, or a cancellation on shutdown, skips it and the roster keeps a ghost;
here `leave` runs in `finally:`."""
from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()


class Lounge:
    def __init__(self) -> None:
        self.roster: dict[str, WebSocket] = {}

    def enter(self, guest: str, ws: WebSocket) -> None:
        self.roster[guest] = ws

    def leave(self, guest: str) -> None:
        self.roster.pop(guest, None)


lounge = Lounge()


@app.websocket("/lounge/{guest}")
async def chat(ws: WebSocket, guest: str):
    await ws.accept()
    lounge.enter(guest, ws)
    try:
        while True:
            note = await ws.receive_json()
            await ws.send_json({"seen": note})
    except WebSocketDisconnect:
        pass
    finally:
        lounge.leave(guest)
