"""IL401 on `upload`: the handler calls the sync `_ingest` on the event loop, which writes the
file (`open`), runs ffmpeg (`subprocess.run`) and sleeps between retries (`time.sleep`); one
finding at the call, listing the three blocking APIs it reaches."""
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
    path = _ingest(file.filename, data)
    return {"path": path}
