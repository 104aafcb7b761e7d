"""Thumbnail worker pool on an asyncio.Queue. shutdown() puts one None per worker after the
queue drains; each worker returns when it gets one, so the gather ends."""
import asyncio
import logging

log = logging.getLogger("thumbs")


async def make_thumbnail(path: str) -> str:
    await asyncio.sleep(0.01)           # stands for an async image pipeline
    return path + ".thumb.jpg"


class ThumbnailPool:
    def __init__(self, workers: int = 3) -> None:
        self.queue: asyncio.Queue[str | None] = asyncio.Queue()
        self.size = workers
        self.stopping = False
        self.done: list[str] = []
        self.tasks: list[asyncio.Task] = []

    def start(self) -> None:
        for n in range(self.size):
            self.tasks.append(asyncio.create_task(self._worker(n)))

    async def submit(self, path: str) -> None:
        await self.queue.put(path)

    async def _worker(self, n: int) -> None:
        while True:
            path = await self.queue.get()
            if path is None:
                self.queue.task_done()
                return
            try:
                self.done.append(await make_thumbnail(path))
            except Exception:
                log.exception("worker %d failed on %s", n, path)
            finally:
                self.queue.task_done()

    async def shutdown(self) -> None:
        await self.queue.join()
        self.stopping = True
        for _ in self.tasks:
            await self.queue.put(None)
        await asyncio.gather(*self.tasks)


async def main(paths):
    pool = ThumbnailPool()
    pool.start()
    for p in paths:
        await pool.submit(p)
    await pool.shutdown()
    return pool.done


if __name__ == "__main__":
    print(asyncio.run(main(["a.png", "b.png"])))
