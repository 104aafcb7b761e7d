"""Fixed twin: a metadata fetcher that retries with asyncio.wait_for and exponential backoff. The
attempt counter is a local of each call; the shared stats are bumped in single synchronous steps."""
import asyncio
import random

import httpx
from fastapi import FastAPI


class MetadataFetcher:
    def __init__(self, base_url: str, attempts: int = 3, timeout: float = 2.0):
        self._client = httpx.AsyncClient(base_url=base_url)
        self._attempts = attempts
        self._timeout = timeout
        self.stats = {"ok": 0, "retries": 0, "failed": 0}
        self.last_error = None

    async def fetch(self, track_id: str) -> dict:
        delay = 0.2
        for attempt in range(self._attempts):
            try:
                response = await asyncio.wait_for(
                    self._client.get(f"/tracks/{track_id}"), timeout=self._timeout
                )
                response.raise_for_status()
                self.stats["ok"] += 1
                return response.json()
            except (asyncio.TimeoutError, httpx.HTTPError) as exc:
                self.last_error = repr(exc)
                if attempt + 1 == self._attempts:
                    break
                self.stats["retries"] += 1
                await asyncio.sleep(delay + random.random() * delay)
                delay *= 2
        self.stats["failed"] += 1
        raise RuntimeError(f"giving up on {track_id}")


app = FastAPI()
fetcher = MetadataFetcher("https://musicbrainz.example.org")


@app.get("/meta/{track_id}")
async def meta(track_id: str):
    return await fetcher.fetch(track_id)


@app.get("/meta")
async def meta_stats():
    return {"stats": fetcher.stats, "last_error": fetcher.last_error}
