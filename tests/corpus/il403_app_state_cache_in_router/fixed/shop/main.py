"""The app and its lifespan: the price cache and its lock live in Starlette's `app.state`."""
import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from shop.prices import router


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.prices = {}
    app.state.prices_lock = asyncio.Lock()
    yield
    app.state.prices.clear()


app = FastAPI(lifespan=lifespan)
app.include_router(router)
