"""IL403: streamers wait on the asyncio.Condition under `if`, not `while`: the wait lets go of the
lock, notify_all wakes every streamer for one chunk, the first takes it and the others popleft
from an empty deque (IndexError)."""
import asyncio
import collections

from fastapi import FastAPI, WebSocket


class ChunkBuffer:
    def __init__(self, capacity: int = 32):
        self._items = collections.deque()
        self._capacity = capacity
        self._cond = asyncio.Condition()
        self._closed = False
        self.dropped = 0

    async def put(self, chunk: bytes):
        async with self._cond:
            while len(self._items) >= self._capacity and not self._closed:
                await self._cond.wait()
            if self._closed:
                self.dropped += 1
                return
            self._items.append(chunk)
            self._cond.notify_all()

    async def get(self) -> bytes | None:
        async with self._cond:
            if not self._items and not self._closed:
                await self._cond.wait()
            if self._closed and not self._items:
                return None
            chunk = self._items.popleft()
            self._cond.notify_all()
            return chunk

    async def close(self):
        async with self._cond:
            self._closed = True
            self._cond.notify_all()


async def decode(buffer: ChunkBuffer, path: str):
    for n in range(100):
        await asyncio.sleep(0.01)
        await buffer.put(f"{path}:{n}".encode())
    await buffer.close()


app = FastAPI()
buffer = ChunkBuffer()


@app.post("/play")
async def play(path: str):
    asyncio.create_task(decode(buffer, path))
    return {"ok": True}


@app.websocket("/ws/audio")
async def stream(websocket: WebSocket):
    await websocket.accept()
    while True:
        chunk = await buffer.get()
        if chunk is None:
            break
        await websocket.send_bytes(chunk)
    await websocket.close()
