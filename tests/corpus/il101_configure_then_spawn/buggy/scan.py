"""IL101 on `Scanner.progress_callback`: `start_scan` starts the job on its fresh `Scanner`
first and sets the callback afterwards, while the executor job reads it in `scan`."""
import asyncio
import threading

from fastapi import FastAPI

app = FastAPI()


class Scanner:
    def __init__(self):
        self._lock = threading.Lock()
        self.progress_callback = None
        self.found = 0

    def set_progress_callback(self, callback):
        self.progress_callback = callback

    def found_so_far(self):
        with self._lock:
            return self.found

    def scan(self, paths):
        for _ in paths:
            with self._lock:
                self.found += 1
            callback = self.progress_callback
            if callback is not None:
                callback(self.found_so_far())


@app.post("/scan")
async def start_scan(paths: list[str]):
    scanner = Scanner()
    job = asyncio.get_running_loop().run_in_executor(None, scanner.scan, paths)
    scanner.set_progress_callback(print)        # the job already runs: it may read the old value
    await job
    return scanner.found_so_far()
