import asyncio

from cache import cache


async def warm(keys):
    async with asyncio.TaskGroup() as tg:
        for k in keys:
            tg.create_task(cache.get(k))


asyncio.run(warm(["a", "b", "c"]))
