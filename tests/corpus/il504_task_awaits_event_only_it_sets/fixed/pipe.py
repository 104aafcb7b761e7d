"""Fixed: the consumer drains the queue first and then sets `done`; the producer's wait ends."""
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
        self.seen.append(await self.q.get())
        self.done.set()


async def main() -> None:
    p = Pipe()
    await asyncio.gather(p.producer(), p.consumer())
