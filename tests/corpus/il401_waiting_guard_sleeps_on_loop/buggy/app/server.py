"""IL401: the coroutine `rebuild` enters `exclusive(...)` of another module on the event loop;
that guard waits for its lock and then sleeps in a retry loop until the marker file is free,
stalling every other task on the loop."""
import asyncio

from .locking import exclusive

STATE = {"built": 0}


def _rebuild_sync():
    with exclusive("/tmp/index.marker"):
        STATE["built"] += 1


async def rebuild():
    with exclusive("/tmp/index.marker"):
        STATE["built"] += 1


async def main():
    await asyncio.gather(rebuild(), asyncio.to_thread(_rebuild_sync))


asyncio.run(main())
