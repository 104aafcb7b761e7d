"""At most `limit` upstream links open at once; a task waits for a free one."""
import asyncio


class Link:
    @classmethod
    async def open(cls, host: str) -> "Link":
        await asyncio.sleep(0.01)  # pretend: connect
        return cls()

    async def close(self) -> None:
        await asyncio.sleep(0)


class Links:
    def __init__(self, host: str, limit: int = 2):
        self.host = host
        self.limit = limit
        self.open_count = 0
        self._cond = asyncio.Condition()

    def _has_room(self) -> bool:
        return self.open_count < self.limit

    async def acquire(self) -> Link:
        async with self._cond:
            while not self._has_room():
                await self._cond.wait()
        link = await Link.open(self.host)
        async with self._cond:
            self.open_count += 1
        return link

    async def release(self, link: Link) -> None:
        await link.close()
        async with self._cond:
            self.open_count -= 1
            self._cond.notify()


async def main():
    links = Links("db")

    async def use():
        link = await links.acquire()
        await asyncio.sleep(0.01)
        await links.release(link)

    await asyncio.gather(*(use() for _ in range(6)))


if __name__ == "__main__":
    asyncio.run(main())
