"""Silent: the `render` jobs of concurrent `/thumbnail` requests run at once, and they count under
`stats.lock`, so no increment is lost."""
import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from fastapi import FastAPI

app = FastAPI()
pool = ThreadPoolExecutor(max_workers=4)


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.rendered = 0


stats = Stats()


def render(path):
    data = path.encode()[:64]
    with stats.lock:
        stats.rendered += 1
    return data


@app.get("/thumbnail")
async def thumbnail(path: str):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(pool, render, path)
