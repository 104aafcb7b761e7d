"""Fixed: the probe runs in the default executor."""
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
        info = await asyncio.get_running_loop().run_in_executor(None, self._probe, path)
        return float(info["format"]["duration"])


service = ProbeService()


@app.get("/probe")
async def probe(path: str):
    return {"duration": await service.duration(path)}
