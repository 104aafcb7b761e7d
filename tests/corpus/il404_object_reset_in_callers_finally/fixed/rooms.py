# The lobby's broadcast is started by a WebSocket handler; the lobby outlives the connection
# (one lobby shared by every client). The lobby's own `play` leaves `streaming` set when a send
# raises, but every caller resets the lobby in the `finally` of the `try` around the call.
from fastapi import FastAPI, WebSocket, WebSocketDisconnect


class Room:
    def __init__(self, name: str):
        self.name = name
        self.streaming = False
        self.listeners = 0
        self.sent = 0

    async def play(self, ws: WebSocket, track_id: int) -> None:
        if self.streaming:
            return
        self.streaming = True
        for seq in range(64):
            await ws.send_bytes(bytes([track_id % 256]) * 1024)
            self.sent += 1
        self.streaming = False

    def stop(self) -> None:
        self._reset()

    def _reset(self) -> None:
        if self.streaming:
            self.streaming = False


app = FastAPI()
lobby = Room("lobby")


@app.websocket("/ws/lobby")
async def lobby_ws(ws: WebSocket):
    await ws.accept()
    try:
        while True:
            msg = await ws.receive_json()
            if msg["type"] == "play":
                await lobby.play(ws, int(msg["track_id"]))
    except WebSocketDisconnect:
        pass
    finally:
        lobby.stop()
