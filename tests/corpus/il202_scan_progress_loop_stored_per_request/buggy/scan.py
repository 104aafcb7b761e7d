"""IL202: the scan thread writes the progress dict itself while the WebSocket handler walks it
live, awaiting each send: a folder key the thread adds mid-walk raises "dictionary changed size
during iteration". (Each scan request stores the running loop in `_loop`: always the same loop.)"""
import asyncio
import os

from fastapi import FastAPI, WebSocket


class ScanProgress:
    def __init__(self):
        self.progress: dict[str, int] = {}
        self._loop: asyncio.AbstractEventLoop | None = None

    def _update(self, folder: str, count: int):
        self.progress[folder] = count

    def _scan(self, folder: str):
        count = 0
        for _root, _dirs, files in os.walk(folder):
            count += len(files)
            self.progress[folder] = count
        return count

    async def scan(self, folder: str) -> int:
        self._loop = asyncio.get_running_loop()
        return await asyncio.to_thread(self._scan, folder)

    async def stream(self, ws: WebSocket):
        while True:
            for folder, count in self.progress.items():
                await ws.send_json({"folder": folder, "files": count})
            await asyncio.sleep(0.5)


app = FastAPI()
scanner = ScanProgress()


@app.post("/scan")
async def scan(folder: str):
    return {"files": await scanner.scan(folder)}


@app.websocket("/ws/progress")
async def progress(websocket: WebSocket):
    await websocket.accept()
    await scanner.stream(websocket)
