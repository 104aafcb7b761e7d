"""IL404: play marks streaming_track, streams with awaits, and clears it at the end; a client
that disconnects mid-stream leaves streaming_track set and every later /ws/play is refused."""
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
    index = 0
    while chunk := await next_chunk(track_id, index):
        await websocket.send_bytes(chunk)
        index += 1
    streaming_track = None
