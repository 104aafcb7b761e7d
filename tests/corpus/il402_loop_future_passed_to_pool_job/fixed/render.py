"""Silent: the pool job gets the loop with the future and resolves it there through
`call_soon_threadsafe`."""
import asyncio
from concurrent.futures import ThreadPoolExecutor

_pool = ThreadPoolExecutor(max_workers=4)


def _rasterize(page, loop, done):
    pixels = bytes(page.width * page.height)
    loop.call_soon_threadsafe(done.set_result, pixels)


async def render(page):
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    _pool.submit(_rasterize, page, loop, done)
    return await done
