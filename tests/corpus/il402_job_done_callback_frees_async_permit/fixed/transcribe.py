"""Speech clips are transcribed on a thread pool; an asyncio semaphore caps how many run at once.

The done-callback runs on the worker thread, so it hands the release to the loop.
"""
import asyncio
from concurrent.futures import ThreadPoolExecutor


def _decode(clip: bytes) -> str:
    return clip.decode("latin-1")


class Transcriber:
    def __init__(self, width: int) -> None:
        self._workers = ThreadPoolExecutor(max_workers=width)
        self._permits = asyncio.Semaphore(width)
        self._loop = asyncio.get_running_loop()

    def _give_back(self, job) -> None:
        self._loop.call_soon_threadsafe(self._permits.release)

    async def transcribe(self, clip: bytes) -> str:
        await self._permits.acquire()
        job = self._workers.submit(_decode, clip)
        job.add_done_callback(self._give_back)
        return await asyncio.wrap_future(job)
