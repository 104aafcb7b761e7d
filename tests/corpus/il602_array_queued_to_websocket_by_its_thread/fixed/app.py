import asyncio
import queue

from fastapi import FastAPI, WebSocket

from grabber import FrameGrabber

app = FastAPI()


@app.websocket("/camera/{cam}")
async def camera(ws: WebSocket, cam: int):
    await ws.accept()
    frames: queue.Queue = queue.Queue(maxsize=4)
    grabber = FrameGrabber(f"/dev/cam{cam}", frames)
    try:
        while True:
            frame = await asyncio.to_thread(frames.get)
            if frame is None:
                break
            await ws.send_bytes(frame.tobytes())
    finally:
        grabber.halt()
