"""IL403 on `Streamer._state`: `start` asks the `busy` property whether a stream runs, awaits
the device, then stores "streaming". Two WebSocket clients both pass the check during the
other's await and both open the device. Reading the property reads the state it returns."""
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
        await self._open()
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
