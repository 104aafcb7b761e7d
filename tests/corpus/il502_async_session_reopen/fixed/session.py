"""Fixed twin: `open` only opens a session that is still connecting."""
import asyncio
from enum import Enum


class SessionState(Enum):
    CONNECTING = "connecting"
    OPEN = "open"
    CLOSED = "closed"


class StreamSession:
    def __init__(self, websocket):
        self._ws = websocket
        self._lock = asyncio.Lock()
        self.state = SessionState.CONNECTING

    async def open(self) -> None:
        await self._ws.accept()
        async with self._lock:
            if self.state != SessionState.CONNECTING:
                return
            self.state = SessionState.OPEN

    async def close(self) -> None:
        async with self._lock:
            if self.state == SessionState.CLOSED:
                return
            self.state = SessionState.CLOSED
        await self._ws.close()
