"""Fixed twin (the shape of a false alarm on Auralis' chunk pre-processing): each request builds
its own `Renderer` on a worker thread, runs its jobs on it one after another (every
`to_thread` is awaited), and closes it in `finally`. No other context ever holds that object, so
the swap in `Scratch.close` cannot race, though the class's public API is open to any thread."""
import asyncio
import shutil
import tempfile
import threading

from fastapi import FastAPI

app = FastAPI()


class Scratch:
    def __init__(self):
        self._dir = tempfile.mkdtemp()

    def close(self) -> None:
        if self._dir is None:
            return
        path, self._dir = self._dir, None
        shutil.rmtree(path, ignore_errors=True)


class Renderer:
    def __init__(self, track: str):
        self.track = track
        self._lock = threading.Lock()
        self._scratch = Scratch()
        self._frames = 0

    def render(self, frame: int) -> int:
        with self._lock:
            self._frames += 1
            return frame

    def close(self) -> None:
        self._scratch.close()


@app.post("/render")
async def render(track: str):
    renderer = await asyncio.to_thread(Renderer, track)
    try:
        for frame in range(4):
            await asyncio.to_thread(renderer.render, frame)
    finally:
        await asyncio.to_thread(renderer.close)
