"""Fixed: the put is handed to the loop with call_soon_threadsafe."""
import asyncio
import threading


class TranscodeJob:
    def __init__(self, loop):
        self._loop = loop
        self._results = asyncio.Queue()

    def start(self, path):
        threading.Thread(target=self._work, args=(path,), daemon=True).start()

    def _work(self, path):
        data = path.encode() * 2
        self._loop.call_soon_threadsafe(self._results.put_nowait, data)

    async def next_result(self):
        return await self._results.get()
