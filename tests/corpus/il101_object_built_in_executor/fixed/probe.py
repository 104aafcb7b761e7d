"""Fixed twin: the job returns the duration and the handler stores it on the event loop."""
import asyncio

from fastapi import FastAPI

app = FastAPI()

_durations: dict[str, float] = {}


class Prober:
    def __init__(self, path: str):
        self.path = path

    def probe(self) -> float:
        return len(self.path) * 1.5


@app.post("/probe")
async def probe(path: str):
    loop = asyncio.get_running_loop()
    prober = await loop.run_in_executor(None, Prober, path)
    seconds = await loop.run_in_executor(None, prober.probe)
    _durations[path] = seconds
    return seconds


@app.get("/durations")
async def durations(path: str):
    return {"seconds": _durations.get(path)}
