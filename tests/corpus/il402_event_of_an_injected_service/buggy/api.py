"""Health endpoint that waits for the model to be ready."""
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request

from models import ModelLoader


@asynccontextmanager
async def lifespan(app: FastAPI):
    loader = ModelLoader("/models/speech.bin")
    loader.start()
    app.state.loader = loader
    yield


app = FastAPI(lifespan=lifespan)


def get_loader(request: Request) -> ModelLoader:
    return request.app.state.loader


@app.get("/ready")
async def ready(loader: ModelLoader = Depends(get_loader)) -> dict:
    ok = loader.loaded.wait(timeout=5)
    return {"ready": ok}
