from typing import Any

from fastapi import APIRouter, WebSocket


def chat_router(hub: Any) -> APIRouter:
    router = APIRouter()

    @router.websocket("/chat")
    async def chat_socket(ws: WebSocket) -> None:
        await hub.attach(ws)
        try:
            while True:
                await hub.broadcast(await ws.receive_text())
        finally:
            hub.drop(ws)

    return router
