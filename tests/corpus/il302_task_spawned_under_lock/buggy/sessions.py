"""WebSocket sessions: replacing a client's session retires the old one."""
import asyncio

from fastapi import FastAPI, WebSocket

app = FastAPI()


class Sessions:
    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._by_client: dict[str, str] = {}
        self._retired: list[str] = []

    async def _retire(self, session: str) -> None:
        async with self._lock:
            self._retired.append(session)

    async def replace(self, client: str, session: str) -> None:
        async with self._lock:
            old = self._by_client.get(client)
            self._by_client[client] = session
            if old is not None:
                await self._retire(old)             # re-takes the lock this task holds


sessions = Sessions()


@app.websocket("/ws/{client}")
async def connect(ws: WebSocket, client: str) -> None:
    await ws.accept()
    await sessions.replace(client, await ws.receive_text())
