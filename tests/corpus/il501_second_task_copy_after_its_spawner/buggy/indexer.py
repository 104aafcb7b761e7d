# One indexing task at a time: `reindex` (called only from async routes, so on the event loop)
# refuses while a run is RUNNING and starts the task, but forgets to reset `indexed`: the second
# run counts on from the first run's total, past the number of documents it found.
import asyncio
from enum import Enum

from fastapi import FastAPI


class Phase(Enum):
    IDLE = "idle"
    RUNNING = "running"
    DONE = "done"


class Indexer:
    def __init__(self):
        self.phase = Phase.IDLE
        self.found = 0
        self._task = None

    def reindex(self) -> bool:
        if self.phase == Phase.RUNNING:
            return False
        self.phase = Phase.RUNNING
        self.found = 0
        self._task = asyncio.create_task(self._crawl())
        return True

    async def _crawl(self) -> None:
        docs = await asyncio.to_thread(list_documents)
        self.found = len(docs)
        for doc in docs:
            await asyncio.to_thread(parse, doc)
            if self.indexed < self.found:
                self.indexed += 1
        self.phase = Phase.DONE


def list_documents() -> list:
    return []


def parse(doc) -> None:
    pass


app = FastAPI()
indexer = Indexer()


@app.post("/reindex")
async def start_reindex():
    return {"started": indexer.reindex()}


@app.get("/reindex")
async def reindex_status():
    return {"phase": indexer.phase.value, "indexed": indexer.indexed, "found": indexer.found}
