"""Fixed twin: the module dict has its own lock on both sides."""
import asyncio
import threading

from fastapi import FastAPI

app = FastAPI()

_last_sizes: dict[str, int] = {}
_sizes_lock = threading.Lock()


class Renderer:
    def __init__(self, name: str):
        self.name = name
        self._lock = threading.Lock()
        self._done = 0

    def render(self, size: int) -> str:
        with self._lock:
            self._done += 1
        with _sizes_lock:
            _last_sizes[self.name] = size
        return f"{self.name}-{size}.png"

    async def warm_up(self) -> None:
        await asyncio.sleep(0)


def last_size(name: str) -> int | None:
    with _sizes_lock:
        return _last_sizes.get(name)


@app.post("/upload")
async def upload(name: str, size: int):
    r = await asyncio.to_thread(Renderer, name)
    return await asyncio.to_thread(r.render, size)


@app.get("/sizes")
async def sizes(name: str):
    return {"size": last_size(name)}
