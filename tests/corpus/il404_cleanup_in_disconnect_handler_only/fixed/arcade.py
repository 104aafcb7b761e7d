"""Fixed twin of IL404: the player's name is shown on a cabinet when the socket opens and released only in
`except WebSocketDisconnect:`. A malformed message (`receive_json` raises ValueError) or the
server cancelling the handler on shutdown skips that clause, and the cabinet keeps showing a gone player;
here a `finally:` releases it on every way out."""
from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()
cabinets: dict[int, str] = {}


@app.websocket("/cabinet/{number}/{player}")
async def play(ws: WebSocket, number: int, player: str):
    await ws.accept()
    cabinets[number] = player
    try:
        while True:
            move = await ws.receive_json()
            await ws.send_json({"echo": move})
    except WebSocketDisconnect:
        pass
    finally:
        cabinets.pop(number, None)
