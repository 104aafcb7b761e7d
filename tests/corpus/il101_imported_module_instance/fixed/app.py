"""Silent: the startup thread runs `holder.load` (the instance `holder.py` exports) which stores the
config before it sets `ready`; `/mode` and `cli_mode` wait for `ready` before they read it."""
import asyncio
import threading

from fastapi import FastAPI

from holder import holder

app = FastAPI()


@app.on_event("startup")
async def boot():
    threading.Thread(target=holder.load, daemon=True).start()


@app.get("/mode")
async def mode():
    await asyncio.to_thread(holder.ready.wait)
    return {"mode": holder.config["mode"]}


def cli_mode():
    holder.ready.wait()
    return holder.config["mode"]
