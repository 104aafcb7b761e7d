"""Player events to the browser: state changes are queued by the player threads and fanned
out to every `/ws/events` client by one pump task on the event loop."""
from __future__ import annotations

import asyncio
import logging

from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from soundbox.player.controller import PlaybackController, PlaybackState

logger = logging.getLogger(__name__)
router = APIRouter()


class EventBroadcaster:
    """Bridges player threads to the event loop. Built inside the running loop (app lifespan)."""

    def __init__(self, loop: asyncio.AbstractEventLoop, maxsize: int = 256) -> None:
        self._loop = loop
        self._queue: asyncio.Queue[dict] = asyncio.Queue(maxsize)

    def attach(self, controller: PlaybackController) -> None:
        controller.add_state_listener(self._on_state_change)

    def _on_state_change(self, previous: PlaybackState, current: PlaybackState) -> None:
        """State listener; runs on whichever player thread made the transition."""
        event = {"type": "state", "from": previous.value, "to": current.value, "at": self._loop.time()}
        try:
            # put_nowait never blocks, so calling it from the player thread is cheap.
            self._queue.put_nowait(event)
        except asyncio.QueueFull:
            logger.warning("event queue full, dropping %s", event)

    async def next_event(self) -> dict:
        return await self._queue.get()


class ConnectionManager:
    """The connected `/ws/events` clients. Only touched from the event loop."""

    def __init__(self) -> None:
        self._clients: set[WebSocket] = set()

    async def connect(self, websocket: WebSocket) -> None:
        await websocket.accept()
        self._clients.add(websocket)
        logger.info("events client connected (%d total)", len(self._clients))

    def disconnect(self, websocket: WebSocket) -> None:
        self._clients.discard(websocket)

    async def broadcast(self, message: dict) -> None:
        for websocket in list(self._clients):
            try:
                await websocket.send_json(message)
            except (WebSocketDisconnect, RuntimeError) as exc:
                # Registration belongs to the client's handler; it unregisters on its way out.
                logger.debug("send to events client failed: %s", exc)


manager = ConnectionManager()


async def pump_events(broadcaster: EventBroadcaster) -> None:
    """Forward queued player events to every client; runs for the life of the app."""
    while True:
        event = await broadcaster.next_event()
        await manager.broadcast(event)


@router.websocket("/ws/events")
async def player_events(websocket: WebSocket) -> None:
    await manager.connect(websocket)
    while True:
        message = await websocket.receive_text()
        if message == "close":
            break
    manager.disconnect(websocket)
    await websocket.close()
