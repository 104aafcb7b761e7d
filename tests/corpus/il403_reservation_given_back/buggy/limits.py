"""A FastAPI proxy that caps the number of upstream calls in flight."""
import asyncio

from fastapi import FastAPI

app = FastAPI()
LIMIT = 8


class Upstream:
    def __init__(self) -> None:
        self.inflight = 0

    async def _call(self, path: str) -> str:
        await asyncio.sleep(0.05)
        return path

    async def fetch(self, path: str) -> dict:
        if self.inflight >= LIMIT:
            return {"busy": True}
        await asyncio.sleep(0)              # yields after the check: many requests pass it
        self.inflight += 1
        try:
            return {"body": await self._call(path)}
        finally:
            self.inflight -= 1


upstream = Upstream()


@app.get("/proxy/{path}")
async def proxy(path: str) -> dict:
    return await upstream.fetch(path)
