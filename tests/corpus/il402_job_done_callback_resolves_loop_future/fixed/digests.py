"""Fixed: the done-callback hands the result to the loop with `call_soon_threadsafe`, and
`size_of` lets asyncio bridge the job's future (`asyncio.wrap_future`)."""
import asyncio
import hashlib
import os
from concurrent.futures import ThreadPoolExecutor

_hashers = ThreadPoolExecutor(max_workers=2)


def _digest(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()


def _bridge(job, loop: asyncio.AbstractEventLoop) -> asyncio.Future:
    pending = loop.create_future()

    def _finish(done) -> None:
        loop.call_soon_threadsafe(pending.set_result, done.result())

    job.add_done_callback(_finish)
    return pending


async def checksum(blob: bytes) -> str:
    loop = asyncio.get_running_loop()
    return await _bridge(_hashers.submit(_digest, blob), loop)


async def size_of(path: str) -> int:
    job = _hashers.submit(os.path.getsize, path)
    return await asyncio.wrap_future(job)
