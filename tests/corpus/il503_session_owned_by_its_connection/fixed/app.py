"""WebSocket streaming sessions: each connection builds and owns its session; no one else sees it."""
import asyncio
import time

from fastapi import FastAPI, WebSocket

from sessions import Session, SessionRegistry

app = FastAPI()
registry = SessionRegistry()


@app.on_event("startup")
async def start_watchdog():
    registry.started = time.monotonic()
    asyncio.create_task(registry.watchdog())


@app.websocket("/stream/{track_id}")
async def stream(websocket: WebSocket, track_id: int):
    await websocket.accept()
    session = Session(track_id)
    registry.opened += 1
    await session.start(websocket)
    while session.state == "STREAMING":
        chunk = await session.next_chunk()
        if chunk is None:
            break
        await websocket.send_bytes(chunk)
        session.last_activity = time.monotonic()
    await session.close()
