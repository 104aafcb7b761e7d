"""IL101 on `Camera.frame_no` (and `frame`, `captured_at`): the grab thread writes the fields of
the module's `camera` while the `/video` handler reads `camera.frame_no` on the loop, no lock."""
import asyncio
import threading
import time

from fastapi import FastAPI, WebSocket

app = FastAPI()


class Camera:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self.loop = loop
        self.frame: bytes = b""
        self.frame_no = 0
        self.captured_at = 0.0

    def _grab(self):
        n = 0
        while True:
            time.sleep(1 / 30)
            n += 1
            self.frame = b"jpeg-%d" % n
            self.frame_no = n
            self.captured_at = time.time()

    def start(self):
        threading.Thread(target=self._grab, daemon=True).start()


camera: Camera | None = None


@app.on_event("startup")
async def startup():
    global camera
    camera = Camera(asyncio.get_running_loop())
    camera.start()


@app.websocket("/video")
async def video(ws: WebSocket):
    await ws.accept()
    last = -1
    while True:
        if camera.frame_no != last:
            last = camera.frame_no
            await ws.send_json({"n": last, "t": camera.captured_at, "size": len(camera.frame)})
        await asyncio.sleep(1 / 30)
