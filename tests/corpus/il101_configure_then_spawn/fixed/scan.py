"""Silent: `start_scan` builds its own `Scanner`, sets the callback, then awaits `to_thread`:
the write happens before the job starts, the object is never shared, and the handler waits for
the job to end before reading `found` (happens-before at spawn, checker/spawn_order.py)."""
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
    scanner.set_progress_callback(print)
    await asyncio.to_thread(scanner.scan, paths)
    print("scanner finished")                   # a string naming it is no use of the object
    return scanner.found_so_far()
