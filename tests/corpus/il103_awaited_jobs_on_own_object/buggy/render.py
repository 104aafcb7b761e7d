"""IL103 on `Scratch._dir`: the renderer is kept in the module registry `_open`, so the
`/render` job that closes it and the `/cancel` job that closes it can run at once: both read
the directory before either sets it to None, and both remove it (the second `rmtree` races the
first, and a new scratch directory set in between is lost)."""
import asyncio
import shutil
import tempfile
import threading

from fastapi import FastAPI

app = FastAPI()
_open: dict[str, "Renderer"] = {}


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
    _open[track] = renderer
    try:
        for frame in range(4):
            await asyncio.to_thread(renderer.render, frame)
    finally:
        await asyncio.to_thread(renderer.close)


@app.post("/cancel")
async def cancel(track: str):
    renderer = _open.get(track)
    if renderer is not None:
        await asyncio.to_thread(renderer.close)
