"""Fixed: asyncio.sleep yields to the loop while pacing."""
import asyncio
import time

from fastapi import FastAPI, WebSocket

app = FastAPI()
CHUNK_SECONDS = 0.05


@app.websocket("/ws/stream")
async def stream_audio(websocket: WebSocket):
    await websocket.accept()
    position = 0
    while position < 100:
        await websocket.send_bytes(b"\x00" * 4096)
        position += 1
        await asyncio.sleep(CHUNK_SECONDS)


@app.get("/status")
async def status():
    return {"streams": 1}
