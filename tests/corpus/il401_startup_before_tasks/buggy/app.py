"""IL401 on `startup`: the lifespan starts the indexer task, then reads the catalogue with a plain
`open()` on the loop, which stalls the indexer until the read ends."""
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
    state["queue"] = asyncio.Queue()
    state["indexer"] = asyncio.create_task(indexer(state["queue"]))
    state["catalogue"] = load_catalogue("catalogue.json")


@asynccontextmanager
async def lifespan(app: FastAPI):
    state: dict = {}
    await startup(state)
    yield
    state["indexer"].cancel()


app = FastAPI(lifespan=lifespan)
