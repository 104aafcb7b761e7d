"""Fixed: a task is stored before awaiting, so later requests await the same analysis."""
import asyncio

from fastapi import FastAPI

app = FastAPI()
analysis = {}


async def analyze(track_id):
    await asyncio.sleep(0.5)
    return {"bpm": 120}


@app.post("/analyze/{track_id}")
async def request_analysis(track_id: int):
    task = analysis.get(track_id)
    if task is None:
        task = asyncio.ensure_future(analyze(track_id))
        analysis[track_id] = task
    await task
    return analysis[track_id]
