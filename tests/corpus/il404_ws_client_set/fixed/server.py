"""Fixed: the removal is in a finally block."""
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
    try:
        while True:
            text = await websocket.receive_text()
            await broadcast(text)
    finally:
        clients.discard(websocket)
