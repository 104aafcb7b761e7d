"""Render jobs: a route deletes a job's output files."""
import asyncio
import os
from pathlib import Path

from fastapi import FastAPI

app = FastAPI()
OUTPUT = "/var/renders"


@app.delete("/jobs/{job_id}")
async def delete_job(job_id: str) -> dict:
    audio = Path(OUTPUT) / f"{job_id}.wav"
    meta = os.path.join(OUTPUT, f"{job_id}.json")
    removed = _remove_outputs(audio, meta)          # syscalls on the event loop
    return {"removed": removed}


def _remove_outputs(audio: Path, meta: str) -> int:
    removed = 0
    if audio.exists():
        audio.unlink()
        removed += 1
    if os.path.exists(meta):
        os.remove(meta)
        removed += 1
    return removed
