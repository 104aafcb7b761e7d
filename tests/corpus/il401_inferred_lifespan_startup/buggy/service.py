"""Telemetry service: the lifespan opens the metrics store, starts the flusher task, and loads
the alert rules from disk with a plain `open()`; after the flusher starts, that read blocks the
loop the flusher runs on."""
from __future__ import annotations

import asyncio
import json
import sqlite3
from contextlib import asynccontextmanager

from fastapi import FastAPI


class MetricsStore:
    def __init__(self, path: str) -> None:
        self.conn = sqlite3.connect(path)
        self.conn.execute("CREATE TABLE IF NOT EXISTS points (name TEXT, value REAL)")
        self.pending: asyncio.Queue = asyncio.Queue()

    def close(self) -> None:
        self.conn.close()


async def flusher(store: MetricsStore) -> None:
    while True:
        name, value = await store.pending.get()
        await asyncio.to_thread(store.conn.execute, "INSERT INTO points VALUES (?, ?)", (name, value))


def load_rules(path: str) -> dict:
    with open(path) as fh:
        return json.load(fh)


@asynccontextmanager
async def lifespan(app: FastAPI):
    store = MetricsStore("metrics.db")
    app.state.store = store
    task = asyncio.create_task(flusher(store))
    app.state.rules = load_rules("alerts.json")
    yield
    task.cancel()
    store.close()


app = FastAPI(lifespan=lifespan)


@app.post("/points/{name}")
async def record(name: str, value: float) -> dict:
    await app.state.store.pending.put((name, value))
    return {"queued": app.state.store.pending.qsize()}
