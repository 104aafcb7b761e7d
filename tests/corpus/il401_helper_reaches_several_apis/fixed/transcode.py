"""Silent: the upload handler runs the whole sync `_transcode` chain (file write, ffmpeg,
retry sleep) in a worker thread with `asyncio.to_thread`."""
import asyncio
import subprocess
import time

from fastapi import FastAPI, UploadFile

app = FastAPI()


def _save(path, data):
    with open(path, "wb") as out:
        out.write(data)


def _transcode(src, dst):
    for attempt in range(3):
        if subprocess.run(["ffmpeg", "-y", "-i", src, dst]).returncode == 0:
            return dst
        time.sleep(0.5 * attempt)
    raise RuntimeError(f"ffmpeg failed on {src}")


def _ingest(name, data):
    src = f"/tmp/{name}"
    _save(src, data)
    return _transcode(src, src + ".flac")


@app.post("/upload")
async def upload(file: UploadFile):
    data = await file.read()
    path = await asyncio.to_thread(_ingest, file.filename, data)
    return {"path": path}
