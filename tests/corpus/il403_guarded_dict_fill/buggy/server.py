"""IL403: request_analysis checks `analysis` for the track, awaits analyze, then stores it;
concurrent requests for the same track all run the analysis."""
import asyncio

from fastapi import FastAPI

app = FastAPI()
analysis = {}


async def analyze(track_id):
    await asyncio.sleep(0.5)
    return {"bpm": 120}


@app.post("/analyze/{track_id}")
async def request_analysis(track_id: int):
    if track_id not in analysis:
        analysis[track_id] = await analyze(track_id)
    return analysis[track_id]
