"""A FastAPI app that watches a music folder with watchdog (whose Observer is a Thread)."""
import asyncio

from fastapi import FastAPI
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

app = FastAPI()


class FolderWatch:
    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.observer = None

    def begin(self) -> None:
        self.observer = Observer()
        self.observer.schedule(FileSystemEventHandler(), self.folder, recursive=True)
        self.observer.start()

    async def end(self) -> None:
        observer, self.observer = self.observer, None
        if observer is not None:
            observer.stop()
            await asyncio.to_thread(observer.join, 5)     # waits off the event loop


watch = FolderWatch("/music")


@app.post("/watch/stop")
async def stop_watching() -> dict:
    await watch.end()
    return {"watching": False}
