"""Fixed twin: `start` claims CONNECTING before it awaits, so a second `start` (which needs
IDLE) and `stop` (which needs STREAMING) refuse to run during the await."""
import asyncio
from enum import Enum

from fastapi import FastAPI, HTTPException

app = FastAPI()


class Phase(Enum):
    IDLE = "idle"
    CONNECTING = "connecting"
    STREAMING = "streaming"
    CLOSING = "closing"


class Relay:
    def __init__(self):
        self.phase = Phase.IDLE
        self.conn = None

    async def _connect(self, url: str):
        await asyncio.sleep(0.1)
        return url

    async def _close(self):
        await asyncio.sleep(0.1)

    async def start(self, url: str) -> None:
        if self.phase is not Phase.IDLE:
            raise HTTPException(409, "busy")
        self.phase = Phase.CONNECTING
        conn = await self._connect(url)
        self.phase = Phase.STREAMING
        self.conn = conn

    async def stop(self) -> None:
        if self.phase is not Phase.STREAMING:
            return
        self.phase = Phase.CLOSING
        await self._close()
        self.phase = Phase.IDLE
        self.conn = None


relay = Relay()


@app.post("/start")
async def start(url: str):
    await relay.start(url)


@app.post("/stop")
async def stop():
    await relay.stop()
