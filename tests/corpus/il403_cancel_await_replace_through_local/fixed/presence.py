"""Fixed twin: one asyncio.Lock around the whole swap, so a second renewal of the user waits
until the first has stored its task, then cancels that one."""
import asyncio

from fastapi import FastAPI


class Presence:
    def __init__(self, period: float = 30.0):
        self.period = period
        self.beats: dict[str, asyncio.Task] = {}
        self._swap = asyncio.Lock()

    async def _beat(self, user: str) -> None:
        while True:
            await asyncio.sleep(self.period)
            print("still here:", user)

    async def renew(self, user: str) -> None:
        async with self._swap:
            previous = self.beats.get(user)
            if previous is not None:
                previous.cancel()
                await asyncio.gather(previous, return_exceptions=True)
            self.beats[user] = asyncio.create_task(self._beat(user))

    def leave(self, user: str) -> None:
        task = self.beats.pop(user, None)
        if task is not None:
            task.cancel()


app = FastAPI()
presence = Presence()


@app.post("/presence/{user}")
async def heartbeat(user: str):
    await presence.renew(user)
    return {"ok": True}


@app.delete("/presence/{user}")
async def leave(user: str):
    presence.leave(user)
    return {"ok": True}
