"""IL401: ProbeService.duration (async) calls the sync _probe, which runs ffprobe with
subprocess.run on the event loop: the loop is blocked for the whole probe."""
import asyncio
import json
import subprocess

from fastapi import FastAPI

app = FastAPI()


class ProbeService:
    def _probe(self, path):
        out = subprocess.run(["ffprobe", "-print_format", "json", "-show_format", path],
                             capture_output=True, check=True)
        return json.loads(out.stdout)

    async def duration(self, path):
        info = self._probe(path)
        return float(info["format"]["duration"])


service = ProbeService()


@app.get("/probe")
async def probe(path: str):
    return {"duration": await service.duration(path)}
