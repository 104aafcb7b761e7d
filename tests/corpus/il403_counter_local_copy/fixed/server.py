"""Fixed: the increment happens before the await, in one atomic step for the loop."""
import asyncio

from fastapi import FastAPI

app = FastAPI()
listeners = 0


async def announce(n):
    await asyncio.sleep(0.01)


@app.post("/listen")
async def listen():
    global listeners
    listeners += 1
    await announce(listeners)
    return {"listeners": listeners}
