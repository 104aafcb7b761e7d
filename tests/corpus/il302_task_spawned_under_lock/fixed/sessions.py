"""WebSocket sessions: replacing a client's session retires the old one."""
import asyncio

from fastapi import FastAPI, WebSocket

app = FastAPI()


class Sessions:
    def __init__(self) -> None:
        self._lock = asyncio.Lock()
        self._by_client: dict[str, str] = {}
        self._retired: list[str] = []
        self._pending: set[asyncio.Task] = set()

    async def _retire(self, session: str) -> None:
        async with self._lock:
            self._retired.append(session)

    async def replace(self, client: str, session: str) -> None:
        async with self._lock:
            old = self._by_client.get(client)
            self._by_client[client] = session
            if old is not None:
                task = asyncio.create_task(self._retire(old))   # runs once the lock is free
                self._pending.add(task)
                task.add_done_callback(self._pending.discard)


sessions = Sessions()


@app.websocket("/ws/{client}")
async def connect(ws: WebSocket, client: str) -> None:
    await ws.accept()
    await sessions.replace(client, await ws.receive_text())
