"""IL101 on `probe._durations`: the prober is built on a worker thread
(`await loop.run_in_executor(None, Prober, path)`) and its `probe` runs on another worker,
storing into the module dict while the `/durations` handler reads it on the event loop. The
awaited value is a `Prober`: the executor job is `Prober.probe`."""
import asyncio

from fastapi import FastAPI

app = FastAPI()

_durations: dict[str, float] = {}


class Prober:
    def __init__(self, path: str):
        self.path = path

    def probe(self) -> float:
        seconds = len(self.path) * 1.5
        _durations[self.path] = seconds
        return seconds


@app.post("/probe")
async def probe(path: str):
    loop = asyncio.get_running_loop()
    prober = await loop.run_in_executor(None, Prober, path)
    return await loop.run_in_executor(None, prober.probe)


@app.get("/durations")
async def durations(path: str):
    return {"seconds": _durations.get(path)}
