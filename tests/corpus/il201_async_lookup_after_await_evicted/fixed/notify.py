"""Direct messages over WebSockets: `deliver` takes the recipient's socket before it awaits the
message store, so a disconnect in between cannot make the lookup fail (a send on the closed
socket is the handler's to catch)."""
from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()


class MessageStore:
    async def save(self, sender: str, recipient: str, text: str) -> int:
        ...


class Presence:
    def __init__(self, store: MessageStore):
        self.store = store
        self.sockets: dict[str, WebSocket] = {}

    async def connect(self, user: str, ws: WebSocket) -> None:
        await ws.accept()
        self.sockets[user] = ws

    def disconnect(self, user: str) -> None:
        self.sockets.pop(user, None)

    async def deliver(self, sender: str, recipient: str, text: str) -> bool:
        ws = self.sockets.get(recipient)
        if ws is None:
            return False
        msg_id = await self.store.save(sender, recipient, text)
        await ws.send_json({"id": msg_id, "from": sender, "text": text})
        return True


presence = Presence(MessageStore())


@app.websocket("/ws/{user}")
async def chat(ws: WebSocket, user: str):
    await presence.connect(user, ws)
    try:
        while True:
            data = await ws.receive_json()
            await presence.deliver(user, data["to"], data["text"])
    except WebSocketDisconnect:
        pass
    finally:
        presence.disconnect(user)
