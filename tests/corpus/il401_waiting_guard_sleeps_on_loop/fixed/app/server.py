"""Silent: the coroutine `rebuild` hands the work that enters `exclusive(...)` (which waits for
its lock and sleeps in a retry loop) to a worker thread, so the event loop never waits on it."""
import asyncio

from .locking import exclusive

STATE = {"built": 0}


def _rebuild_sync():
    with exclusive("/tmp/index.marker"):
        STATE["built"] += 1


async def rebuild():
    await asyncio.to_thread(_rebuild_sync)


async def main():
    await asyncio.gather(rebuild(), asyncio.to_thread(_rebuild_sync))


asyncio.run(main())
