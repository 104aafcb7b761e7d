"""Fixed: streaming_track is cleared in finally."""
import asyncio

from fastapi import FastAPI, WebSocket

app = FastAPI()
streaming_track = None


async def next_chunk(track_id, index):
    await asyncio.sleep(0.01)
    return b"\x00" * 1024 if index < 50 else b""


@app.websocket("/ws/play/{track_id}")
async def play(websocket: WebSocket, track_id: int):
    global streaming_track
    await websocket.accept()
    if streaming_track is not None:
        await websocket.close()
        return
    streaming_track = track_id
    try:
        index = 0
        while chunk := await next_chunk(track_id, index):
            await websocket.send_bytes(chunk)
            index += 1
    finally:
        streaming_track = None
