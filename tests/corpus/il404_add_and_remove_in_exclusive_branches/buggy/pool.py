"""IL404 on `scaling`: the scale endpoint marks the pool as scaling, awaits each spawn or kill,
and clears the mark at the end outside `finally`: a client that disconnects mid-way cancels the
request and every later scale request is refused. Raising the target in the "add" arm and
lowering it in the "remove" arm is no setup and teardown: one request takes one arm."""
import asyncio

from fastapi import FastAPI

app = FastAPI()


class WorkerPool:
    def __init__(self) -> None:
        self.target = 2
        self.workers: list[int] = []
        self.scaling = False

    async def _spawn(self) -> None:
        await asyncio.sleep(0.1)
        self.workers.append(len(self.workers))

    async def _kill_oldest(self) -> None:
        await asyncio.sleep(0.1)
        if self.workers:
            self.workers.pop(0)

    async def scale(self, op: str, count: int) -> dict:
        if self.scaling:
            return {"ok": False, "reason": "busy"}
        self.scaling = True
        if op == "add":
            for _ in range(count):
                self.target += 1
                await self._spawn()
        elif op == "remove":
            for _ in range(count):
                if self.target <= 1:
                    break
                self.target -= 1
                await self._kill_oldest()
        self.scaling = False
        return {"ok": True, "target": self.target}


pool = WorkerPool()


@app.post("/scale/{op}/{count}")
async def scale(op: str, count: int) -> dict:
    return await pool.scale(op, count)
