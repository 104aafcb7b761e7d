"""Download manager: enqueue() queues downloads, worker tasks fetch them, drop() cancels queued ones.

A worker skips a download dropped while it waited in the queue."""
import asyncio
import enum
import itertools


class Status(enum.Enum):
    WAITING = 1
    ACTIVE = 2
    FINISHED = 3
    CANCELLED = 4


class Download:
    _next_id = itertools.count(1)

    def __init__(self, url):
        self.id = next(self._next_id)
        self.url = url
        self.status = Status.WAITING


class Manager:
    def __init__(self, fetch, workers: int = 3):
        self._fetch = fetch
        self._pending: asyncio.Queue = asyncio.Queue()
        self._all: dict[int, Download] = {}
        self._workers = [asyncio.create_task(self._work()) for _ in range(workers)]

    async def enqueue(self, url) -> int:
        d = Download(url)
        self._all[d.id] = d
        await self._pending.put(d)
        return d.id

    async def drop(self, download_id: int) -> bool:
        d = self._all.get(download_id)
        if d is None or d.status is not Status.WAITING:
            return False
        d.status = Status.CANCELLED
        return True

    async def _work(self) -> None:
        while True:
            d: Download = await self._pending.get()
            try:
                await self._run(d)
            finally:
                self._pending.task_done()

    async def _run(self, d: Download) -> None:
        if d.status is not Status.WAITING:       # dropped while it waited
            return
        d.status = Status.ACTIVE
        await self._fetch(d.url)
        d.status = Status.FINISHED
