"""IL401: the async upload handler fans the resizes out to a thread pool, then waits for them
with concurrent.futures.wait: the event loop is blocked until every resize is done."""
import asyncio
import concurrent.futures

from fastapi import FastAPI

app = FastAPI()
POOL = concurrent.futures.ThreadPoolExecutor(max_workers=4)
SIZES = (64, 128, 256)


def resize(data: bytes, size: int) -> bytes:
    return data[: size * size]


@app.post("/images")
async def upload(body: bytes):
    futures = [POOL.submit(resize, body, s) for s in SIZES]
    done, _ = concurrent.futures.wait(futures)
    return {"variants": len(done)}


@app.get("/health")
async def health():
    await asyncio.sleep(0)
    return {"ok": True}
