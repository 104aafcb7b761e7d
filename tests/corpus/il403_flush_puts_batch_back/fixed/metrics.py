"""Fixed twin: play events are buffered and flushed to the database by a periodic task. The flush
swaps the buffer for a new list before awaiting the write, so events recorded during the write go
to the next batch; a failed write puts its batch back in front of the new list, keeping those."""
import asyncio
import contextlib
from contextlib import asynccontextmanager

from fastapi import FastAPI


async def write_rows(rows):
    await asyncio.sleep(0.05)


class EventBuffer:
    def __init__(self, interval: float = 5.0):
        self.interval = interval
        self.buffer: list[dict] = []
        self.flushed = 0

    def record(self, event: dict):
        self.buffer.append(event)

    async def flush(self):
        if not self.buffer:
            return
        batch, self.buffer = self.buffer, []
        try:
            await write_rows(batch)
        except Exception:
            self.buffer[:0] = batch
            raise
        self.flushed += len(batch)

    async def run(self):
        while True:
            await asyncio.sleep(self.interval)
            with contextlib.suppress(Exception):
                await self.flush()


events = EventBuffer()


@asynccontextmanager
async def lifespan(app: FastAPI):
    task = asyncio.create_task(events.run())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await events.flush()


app = FastAPI(lifespan=lifespan)


@app.post("/tracks/{track_id}/played")
async def played(track_id: int):
    events.record({"track": track_id})
    return {"pending": len(events.buffer)}


@app.post("/flush")
async def flush_now():
    await events.flush()
    return {"flushed": events.flushed}
