"""Fixed twin: the scan thread reports progress to the event loop with call_soon_threadsafe, and
the WebSocket handler walks a copy. Each scan request stores `asyncio.get_running_loop()` in
`_loop` before starting its thread: every request stores the same loop, so the thread reads it
whichever request stored it last."""
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
            self._loop.call_soon_threadsafe(self._update, folder, count)
        return count

    async def scan(self, folder: str) -> int:
        self._loop = asyncio.get_running_loop()
        return await asyncio.to_thread(self._scan, folder)

    async def stream(self, ws: WebSocket):
        while True:
            for folder, count in list(self.progress.items()):
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
