"""IL403 on `Prober.best`: each probe task reads `self.best`, awaits its probe, then writes back
the better of the two; another task that finished during the await has its result overwritten.
An `assert` on the slots list is no check the later write acts on: each task writes only the slot
it appended itself (the fixed twin keeps that, and reads `self.best` after the await)."""
import asyncio


class Prober:
    def __init__(self) -> None:
        self.slots: list[float | None] = []
        self.best = float("inf")

    async def probe(self, index: int, host: str) -> None:
        self.slots.append(None)
        assert len(self.slots) == index + 1
        best = self.best
        latency = await measure(host)
        self.slots[index] = latency
        self.best = min(best, latency)

    async def run(self, hosts: list[str]) -> float:
        await asyncio.gather(*(self.probe(i, h) for i, h in enumerate(hosts)))
        return self.best


async def measure(host: str) -> float:
    await asyncio.sleep(0.01)
    return float(len(host))
