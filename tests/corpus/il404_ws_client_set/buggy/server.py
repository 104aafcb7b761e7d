"""IL404: events adds the socket to `clients`, then awaits in a loop; a disconnect raises at
receive_text and clients.discard is never reached, so broadcast keeps sending to a dead socket."""
import asyncio

from fastapi import FastAPI, WebSocket

app = FastAPI()
clients = set()


async def broadcast(message):
    for ws in list(clients):
        await ws.send_text(message)


@app.websocket("/ws/events")
async def events(websocket: WebSocket):
    await websocket.accept()
    clients.add(websocket)
    while True:
        text = await websocket.receive_text()
        await broadcast(text)
    clients.discard(websocket)
