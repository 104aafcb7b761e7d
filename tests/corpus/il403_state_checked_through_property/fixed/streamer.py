"""Fixed twin: `start` claims the state ("opening") right after the check, before it awaits;
a second client sees `busy` and is refused."""
import asyncio

from fastapi import FastAPI, WebSocket

app = FastAPI()


class Streamer:
    def __init__(self) -> None:
        self._state = "idle"

    @property
    def busy(self) -> bool:
        return self._state != "idle"

    async def _open(self) -> None:
        await asyncio.sleep(0.1)         # stands for opening the capture device

    async def start(self) -> None:
        if self.busy:
            raise RuntimeError("already streaming")
        self._state = "opening"          # claimed before the await: a second start sees busy
        try:
            await self._open()
        except BaseException:
            self._state = "idle"
            raise
        self._state = "streaming"

    def stop(self) -> None:
        self._state = "idle"


streamer = Streamer()


@app.websocket("/stream")
async def stream(ws: WebSocket):
    await ws.accept()
    await streamer.start()
    try:
        async for _ in ws.iter_text():
            pass
    finally:
        streamer.stop()
