"""IL402: the worker thread calls asyncio.Queue.put_nowait directly; asyncio primitives are
not thread-safe, so the waiting next_result task may never wake up."""
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
        self._results.put_nowait(data)

    async def next_result(self):
        return await self._results.get()
