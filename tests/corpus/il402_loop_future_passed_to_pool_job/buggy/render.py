"""IL402 on the loop future `render.done`: `render` hands it to a pool job, which resolves it
from the worker thread with `set_result` instead of through the loop."""
import asyncio
from concurrent.futures import ThreadPoolExecutor

_pool = ThreadPoolExecutor(max_workers=4)


def _rasterize(page, done):
    pixels = bytes(page.width * page.height)
    done.set_result(pixels)


async def render(page):
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    _pool.submit(_rasterize, page, done)
    return await done
