"""Fixed: the token is taken right after the last look at `tokens`, with no await in between;
the audit runs after the token is taken."""
import asyncio


class Gate:
    def __init__(self, tokens):
        self.tokens = tokens
        self.log = []

    async def _audit(self, what):
        await asyncio.sleep(0)
        self.log.append(what)

    async def acquire(self):
        while self.tokens == 0:
            await asyncio.sleep(0.01)
        self.tokens -= 1
        await self._audit("take")

    def release(self):
        self.tokens += 1


async def download(gate: Gate, url):
    await gate.acquire()
    try:
        await asyncio.sleep(0.1)
        return url
    finally:
        gate.release()


async def main(urls):
    gate = Gate(2)
    return await asyncio.gather(*(asyncio.create_task(download(gate, u)) for u in urls))


asyncio.run(main(["a", "b", "c"]))
