"""IL403: listen copies `listeners` into a local, awaits announce, then writes local + 1:
concurrent requests overwrite each other's increments."""
import asyncio

from fastapi import FastAPI

app = FastAPI()
listeners = 0


async def announce(n):
    await asyncio.sleep(0.01)


@app.post("/listen")
async def listen():
    global listeners
    current = listeners
    await announce(current + 1)
    listeners = current + 1
    return {"listeners": listeners}
