"""IL403: the retry state (attempt number, backoff delay) lives on the shared fetcher. Each call
resets the attempt count, then awaits and counts on it: concurrent requests reset each other's
count, so one retries forever or gives up at once."""
import asyncio
import random

import httpx
from fastapi import FastAPI


class MetadataFetcher:
    def __init__(self, base_url: str, attempts: int = 3, timeout: float = 2.0):
        self._client = httpx.AsyncClient(base_url=base_url)
        self._attempts = attempts
        self._timeout = timeout
        self.attempt = 0
        self.delay = 0.2
        self.stats = {"ok": 0, "retries": 0, "failed": 0}

    async def fetch(self, track_id: str) -> dict:
        self.attempt = 0
        self.delay = 0.2
        while self.attempt < self._attempts:
            try:
                response = await asyncio.wait_for(
                    self._client.get(f"/tracks/{track_id}"), timeout=self._timeout
                )
                response.raise_for_status()
                self.stats["ok"] += 1
                return response.json()
            except (asyncio.TimeoutError, httpx.HTTPError):
                self.attempt += 1
                self.stats["retries"] += 1
                await asyncio.sleep(self.delay + random.random() * self.delay)
                self.delay = self.delay * 2
        self.stats["failed"] += 1
        raise RuntimeError(f"giving up on {track_id}")


app = FastAPI()
fetcher = MetadataFetcher("https://musicbrainz.example.org")


@app.get("/meta/{track_id}")
async def meta(track_id: str):
    return await fetcher.fetch(track_id)


@app.get("/meta")
async def meta_stats():
    return {"stats": fetcher.stats}
