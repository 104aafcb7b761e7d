"""Fixed twin: the handler awaits the pool's futures through asyncio.wrap_future, so the loop
serves other requests while the resizes run."""
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
    done = await asyncio.gather(*(asyncio.wrap_future(f) for f in futures))
    return {"variants": len(done)}


@app.get("/health")
async def health():
    await asyncio.sleep(0)
    return {"ok": True}
