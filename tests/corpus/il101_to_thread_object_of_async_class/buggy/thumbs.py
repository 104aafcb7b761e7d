"""IL101 on `thumbs._last_sizes`: `Renderer` has coroutine methods, so its public API counts as
event-loop code, but the upload route builds one on a worker thread
(`r = await asyncio.to_thread(Renderer, name)`: `r` is a Renderer) and runs `r.render` on another
(`await asyncio.to_thread(r.render, size)`). `render` stores into the module dict without the
lock while the `/sizes` handler reads it on the event loop (Auralis #4341's shape)."""
import asyncio
import threading

from fastapi import FastAPI

app = FastAPI()

_last_sizes: dict[str, int] = {}


class Renderer:
    def __init__(self, name: str):
        self.name = name
        self._lock = threading.Lock()
        self._done = 0

    def render(self, size: int) -> str:
        with self._lock:
            self._done += 1
        _last_sizes[self.name] = size
        return f"{self.name}-{size}.png"

    async def warm_up(self) -> None:
        await asyncio.sleep(0)


def last_size(name: str) -> int | None:
    return _last_sizes.get(name)


@app.post("/upload")
async def upload(name: str, size: int):
    r = await asyncio.to_thread(Renderer, name)
    return await asyncio.to_thread(r.render, size)


@app.get("/sizes")
async def sizes(name: str):
    return {"size": last_size(name)}
