"""IL403: close sends the results gathered so far, awaits, then empties the list; a check that
finishes during the await appends its result, and the emptying drops it unsent."""
import asyncio


class ProbeClient:
    def __init__(self, host):
        self.host = host

    async def ping(self):
        await asyncio.sleep(0.01)
        return True

    async def aclose(self):
        await asyncio.sleep(0.01)


class ProbePolicy:
    def __init__(self):
        self._results: list[tuple[str, bool]] = []

    async def check(self, host):
        ok = await ProbeClient(host).ping()
        self._results.append((host, ok))

    async def _send(self, rows):
        await asyncio.sleep(0.01)

    async def close(self):
        sending = [asyncio.create_task(self._send([r])) for r in self._results]
        if sending:
            await asyncio.gather(*sending, return_exceptions=True)
        self._results.clear()


async def main(hosts):
    policy = ProbePolicy()
    await asyncio.gather(*(policy.check(h) for h in hosts), policy.close())


if __name__ == "__main__":
    asyncio.run(main(["a", "b"]))
