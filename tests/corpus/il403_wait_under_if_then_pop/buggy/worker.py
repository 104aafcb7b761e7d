"""Buggy: a hand-rolled queue (a list plus an asyncio.Event) with several consumers. Each
consumer waits while the list is empty, then pops: two consumers woken by one item both pass the
check, and the second pops from an empty list."""
import asyncio

from fastapi import FastAPI


class TranscodeService:
    def __init__(self, workers=3):
        self.pending = []
        self._ready = asyncio.Event()
        self.workers = workers
        self._tasks = []
        self.done = 0
        self.results = {}

    def start(self):
        for n in range(self.workers):
            self._tasks.append(asyncio.create_task(self._consume(n)))

    def submit(self, job_id: str, path: str):
        self.pending.append((job_id, path))
        self._ready.set()

    async def _consume(self, n):
        while True:
            if not self.pending:
                self._ready.clear()
                await self._ready.wait()
            job_id, path = self.pending.pop(0)
            if job_id is None:
                return
            self.results[job_id] = await transcode(path)
            self.done += 1

    async def stop(self):
        for _ in self._tasks:
            self.submit(None, None)
        await asyncio.gather(*self._tasks)
        self._tasks.clear()


async def transcode(path):
    proc = await asyncio.create_subprocess_exec("ffmpeg", "-i", path, path + ".ogg")
    await proc.wait()
    return path + ".ogg"


app = FastAPI()
service = TranscodeService()


@app.on_event("startup")
async def startup():
    service.start()


@app.on_event("shutdown")
async def shutdown():
    await service.stop()


@app.post("/jobs/{job_id}")
async def submit(job_id: str, path: str):
    service.submit(job_id, path)
    return {"queued": len(service.pending)}


@app.get("/jobs/{job_id}")
async def result(job_id: str):
    return {"result": service.results.get(job_id), "done": service.done}
