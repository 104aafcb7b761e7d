"""IL402 twice: a `concurrent.futures` future runs its done-callbacks on the worker thread that
finishes the job, so `_finish` (given a job from `_hashers.submit`) and the lambda in `size_of`
resolve loop futures from `loop.create_future()` off the loop, without `call_soon_threadsafe`:
the awaiting coroutine may never wake, and the loop's ready queue is touched from two threads."""
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
        pending.set_result(done.result())

    job.add_done_callback(_finish)
    return pending


async def checksum(blob: bytes) -> str:
    loop = asyncio.get_running_loop()
    return await _bridge(_hashers.submit(_digest, blob), loop)


async def size_of(path: str) -> int:
    loop = asyncio.get_running_loop()
    answer = loop.create_future()
    job = _hashers.submit(os.path.getsize, path)
    job.add_done_callback(lambda done: answer.set_result(done.result()))
    return await answer
