"""Thumbnail worker pool on an asyncio.Queue. shutdown() raises the stop flag and waits for the
workers, but an idle worker is parked in `await queue.get()` and only looks at the flag after
it gets an item: nothing is put any more, so shutdown() waits forever. `gather(*self.tasks)`
waits for every task the list holds, and the list holds the worker the scenario runs."""
import asyncio
import logging

log = logging.getLogger("thumbs")


async def make_thumbnail(path: str) -> str:
    await asyncio.sleep(0.01)           # stands for an async image pipeline
    return path + ".thumb.jpg"


class ThumbnailPool:
    def __init__(self, workers: int = 3) -> None:
        self.queue: asyncio.Queue[str] = asyncio.Queue()
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
        while not self.stopping:
            path = await self.queue.get()
            try:
                self.done.append(await make_thumbnail(path))
            except Exception:
                log.exception("worker %d failed on %s", n, path)
            finally:
                self.queue.task_done()

    async def shutdown(self) -> None:
        await self.queue.join()
        self.stopping = True
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
