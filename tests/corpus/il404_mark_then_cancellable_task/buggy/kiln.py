"""IL404: `fire` claims the kiln (adds it to `firing`) and starts a bake task that releases it
at its end; `stop` cancels that task. The cancellation raises at the task's await, the release
after it is skipped, and the kiln stays claimed: every later `fire` is refused."""
import asyncio


class KilnRoom:
    def __init__(self) -> None:
        self.firing: set[str] = set()
        self._bakes: dict[str, asyncio.Task] = {}
        self._lock = asyncio.Lock()

    async def _bake(self, kiln: str, minutes: int) -> None:
        for _ in range(minutes):
            await asyncio.sleep(60)
        self.firing.discard(kiln)

    async def fire(self, kiln: str, minutes: int) -> bool:
        async with self._lock:
            if kiln in self.firing:
                return False
            self.firing.add(kiln)
            self._bakes[kiln] = asyncio.create_task(self._bake(kiln, minutes))
            return True

    async def stop(self, kiln: str) -> None:
        bake = self._bakes.pop(kiln, None)
        if bake is not None:
            bake.cancel()
