"""IL504 without a lock: the consumer task awaits `done` before it drains the queue, and only
the consumer sets `done` (after draining); the producer, its one item put, awaits `done` too.
Both tasks wait forever and `gather` never returns."""
import asyncio


class Pipe:
    def __init__(self) -> None:
        self.q: asyncio.Queue[int] = asyncio.Queue(maxsize=1)
        self.done = asyncio.Event()
        self.seen: list[int] = []

    async def producer(self) -> None:
        await self.q.put(1)
        await self.done.wait()

    async def consumer(self) -> None:
        await self.done.wait()
        while not self.q.empty():
            self.seen.append(await self.q.get())
        self.done.set()


async def main() -> None:
    p = Pipe()
    await asyncio.gather(p.producer(), p.consumer())
