"""IL402 on `ModelHolder.ready`: `/predict` waits on the `threading.Event` of the module's `holder`
right on the event loop, so every other request stalls until the model is loaded."""
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
    if not holder.ready.wait(timeout=30):
        raise HTTPException(status_code=503, detail="model still loading")
    w = holder.model["weights"]
    return {"y": w[0] * x + w[1]}
