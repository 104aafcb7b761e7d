"""Silent: `/predict` waits for `holder.ready` in a worker thread; the loader stores `model` before
it sets the Event and the handler reads it only when the wait returned True (published by the
Event)."""
import asyncio
import threading
import time

from fastapi import FastAPI, HTTPException

app = FastAPI()


class ModelHolder:
    def __init__(self):
        self.ready = threading.Event()
        self.model = None

    def load_in_background(self):
        threading.Thread(target=self._load, daemon=True).start()

    def _load(self):
        time.sleep(3)  # stands in for loading weights
        self.model = {"weights": [0.1, 0.2]}
        self.ready.set()


holder = ModelHolder()


@app.on_event("startup")
async def startup():
    holder.load_in_background()


@app.post("/predict")
async def predict(x: float):
    if not await asyncio.to_thread(holder.ready.wait, 30):
        raise HTTPException(status_code=503, detail="model still loading")
    w = holder.model["weights"]
    return {"y": w[0] * x + w[1]}
