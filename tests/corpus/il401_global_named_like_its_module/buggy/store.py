"""IL401 on `time.sleep`: in `store.py`, `store` is the module's `Store()` instance (not the module
itself), so the `load` route's `store.load(key)` runs `Store.load`, which sleeps on the loop."""
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
    return store.load(key)
