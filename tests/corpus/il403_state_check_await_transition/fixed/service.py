"""Fixed twin: start claims the state ("starting") right after its check, with no await in
between, then opens the device (putting "idle" back if that fails): a second start sees
"starting" and is refused. stop only acts on a running service."""
import asyncio

from fastapi import FastAPI, HTTPException


class StreamService:
    def __init__(self):
        self.state = "idle"
        self._started = asyncio.Event()
        self._stop = asyncio.Event()
        self._task = None
        self.chunks = 0

    async def start(self):
        if self.state != "idle":
            raise HTTPException(409, f"cannot start while {self.state}")
        self.state = "starting"
        try:
            await self._open_device()
        except BaseException:
            self.state = "idle"
            raise
        self._started.clear()
        self._stop.clear()
        self._task = asyncio.create_task(self._run())
        await self._started.wait()

    async def _open_device(self):
        await asyncio.sleep(0.1)

    async def _run(self):
        self.state = "running"
        self._started.set()
        try:
            while not self._stop.is_set():
                self.chunks += 1
                try:
                    await asyncio.wait_for(self._stop.wait(), timeout=0.05)
                except asyncio.TimeoutError:
                    pass
        finally:
            self.state = "idle"
            self._started.set()

    async def stop(self):
        if self.state != "running":
            return False
        self.state = "stopping"
        self._stop.set()
        task = self._task
        if task is not None:
            await task
        return True


app = FastAPI()
service = StreamService()


@app.post("/stream/start")
async def start():
    await service.start()
    return {"state": service.state}


@app.post("/stream/stop")
async def stop():
    return {"stopped": await service.stop(), "state": service.state}


@app.get("/stream")
async def status():
    return {"state": service.state, "chunks": service.chunks}
