"""HTTP API listing the devices the registry knows."""
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from devices import DeviceRegistry


@asynccontextmanager
async def lifespan(app: FastAPI):
    registry = DeviceRegistry()
    registry.start()
    app.state.registry = registry
    yield
    registry.stop()


app = FastAPI(lifespan=lifespan)


@app.get("/devices")
async def list_devices(request: Request) -> list[dict]:
    registry = request.app.state.registry
    return [{"name": n, "status": s} for n, s in registry.snapshot().items()]
