# An exporter owns one asyncio task. Its plain methods `begin` and `abort` are called only by
# async route handlers, so each runs on the event loop from its check to its write with no
# await in between: two requests cannot both see IDLE and both start.
import asyncio
from enum import Enum

from fastapi import FastAPI


class Phase(Enum):
    IDLE = "idle"
    RUNNING = "running"
    ABORTED = "aborted"


class Exporter:
    def __init__(self):
        self.phase = Phase.IDLE
        self.rows = 0
        self._job = None

    def begin(self) -> bool:
        if self.phase == Phase.RUNNING:
            return False
        self.phase = Phase.RUNNING
        self._job = asyncio.create_task(self._export())
        return True

    async def _export(self) -> None:
        for n in range(100):
            await asyncio.sleep(0.01)
            self.rows += 1
        if self.phase == Phase.RUNNING:
            self.phase = Phase.IDLE

    def abort(self) -> None:
        if self.phase == Phase.RUNNING:
            self.phase = Phase.ABORTED
            if self._job is not None:
                self._job.cancel()


app = FastAPI()
exporter = Exporter()


@app.post("/export")
async def start_export():
    return {"started": exporter.begin()}


@app.delete("/export")
async def abort_export():
    exporter.abort()
    return {"ok": True}
