"""IL103 on `Stats.rendered`: every `/thumbnail` request hands one `render` job to the pool, so
jobs of concurrent requests run at once, and their unlocked `rendered += 1` loses counts."""
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
    stats.rendered += 1
    return data


@app.get("/thumbnail")
async def thumbnail(path: str):
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(pool, render, path)
