"""The FastAPI application: routers, startup and shutdown of the player and the event pump."""
from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager
from typing import AsyncIterator

from fastapi import FastAPI

from soundbox.backend import events, routes_library, routes_player, stream
from soundbox.backend.dependencies import chunked, player

logger = logging.getLogger(__name__)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    broadcaster = events.EventBroadcaster(asyncio.get_running_loop())
    broadcaster.attach(player.controller)
    player.start()
    pump = asyncio.create_task(events.pump_events(broadcaster))
    logger.info("soundbox backend started")
    try:
        yield
    finally:
        pump.cancel()
        await asyncio.to_thread(player.shutdown)
        await asyncio.to_thread(chunked.shutdown)
        logger.info("soundbox backend stopped")


app = FastAPI(title="soundbox", lifespan=lifespan)
app.include_router(routes_player.router)
app.include_router(routes_library.router)
app.include_router(stream.router)
app.include_router(events.router)


@app.get("/health")
async def health() -> dict:
    return {"ok": True}
