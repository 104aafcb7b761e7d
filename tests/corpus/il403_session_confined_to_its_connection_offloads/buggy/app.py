"""IL403 on `Stats.sent`: every stream adds the bytes it sent to one shared `Stats` object,
reading the total before awaiting the send and storing it after: two streams lose each other's
bytes. Each connection's own `StreamSession` (built in the handler, never stored or handed on)
offloads its reads and its compression to the default executor and keeps its `position` across
awaits: that is no race, even though the class starts executor jobs, since no code other than
the handler that built it can reach the object."""
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
            total = STATS.sent
            await self.ws.send_bytes(data)
            STATS.sent = total + len(data)
            self.position += len(raw)


async def stream(ws: WebSocket):
    await ws.accept()
    session = StreamSession(ws, ws.path_params["track"])
    await session.pump(6)
    await ws.close()


app = Starlette(routes=[WebSocketRoute("/stream/{track}", stream)])
