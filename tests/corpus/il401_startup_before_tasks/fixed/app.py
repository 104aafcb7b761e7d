"""Silent: the lifespan reads the catalogue with a plain `open()` before it starts any task, and
the server answers no request before startup ends, so nothing waits on the loop meanwhile (a
spec context of kind "lifespan")."""
import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI


async def indexer(queue: asyncio.Queue) -> None:
    while True:
        path = await queue.get()
        await asyncio.to_thread(_index, path)


def _index(path: str) -> None:
    with open(path) as fh:
        fh.read()


def load_catalogue(path: str) -> str:
    with open(path) as fh:
        return fh.read()


async def startup(state: dict) -> None:
    state["catalogue"] = load_catalogue("catalogue.json")
    state["queue"] = asyncio.Queue()
    state["indexer"] = asyncio.create_task(indexer(state["queue"]))


@asynccontextmanager
async def lifespan(app: FastAPI):
    state: dict = {}
    await startup(state)
    yield
    state["indexer"].cancel()


app = FastAPI(lifespan=lifespan)
