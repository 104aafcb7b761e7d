"""IL403 on `Gate.tokens`: `acquire` waits in a `while` loop until a token is free, then awaits
the audit log before taking it; every waiter that saw the last token free during that await
takes it too, and `tokens` goes below zero (more downloads than the gate allows).
`gate.acquire()` is the gate's own coroutine, not a lock's acquire."""
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
        await self._audit("take")
        self.tokens -= 1

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
