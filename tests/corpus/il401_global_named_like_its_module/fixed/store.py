"""Silent: the `load` route hands `store.load` (the module's `Store()` instance, not the module
itself) to a worker thread, so its sleep blocks no task of the loop."""
import asyncio
import time

from fastapi import FastAPI

app = FastAPI()


class Store:
    def load(self, key):
        time.sleep(0.5)            # a slow backend, simulated
        return {"key": key}


store = Store()


@app.get("/load/{key}")
async def load(key: str):
    return await asyncio.to_thread(store.load, key)
