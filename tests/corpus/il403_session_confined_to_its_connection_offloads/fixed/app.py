"""Fixed twin: the shared total is updated in one step after the send; the session's own
`position` stays unreported."""
import asyncio
import functools
import zlib

from starlette.applications import Starlette
from starlette.routing import WebSocketRoute
from starlette.websockets import WebSocket


def read_chunk(path: str, offset: int, size: int) -> bytes:
    with open(path, "rb") as fh:
        fh.seek(offset)
        return fh.read(size)


class Stats:
    def __init__(self) -> None:
        self.sent = 0


STATS = Stats()


class StreamSession:
    def __init__(self, ws: WebSocket, track: str) -> None:
        self.ws = ws
        self.path = f"/srv/audio/{track}.pcm"
        self.position = 0

    async def pump(self, level: int) -> None:
        loop = asyncio.get_running_loop()
        while True:
            raw = await loop.run_in_executor(None, read_chunk, self.path, self.position, 16384)
            if not raw:
                break
            data = await loop.run_in_executor(None, functools.partial(zlib.compress, raw, level))
            await self.ws.send_bytes(data)
            STATS.sent += len(data)
            self.position += len(raw)


async def stream(ws: WebSocket):
    await ws.accept()
    session = StreamSession(ws, ws.path_params["track"])
    await session.pump(6)
    await ws.close()


app = Starlette(routes=[WebSocketRoute("/stream/{track}", stream)])
