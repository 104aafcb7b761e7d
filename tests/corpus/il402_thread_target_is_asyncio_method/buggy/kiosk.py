"""A kiosk session ends after an idle period; scanned tickets are queued for the async validator.

Both hand a bound method of an asyncio primitive straight to another thread: the idle timer calls
`asyncio.Event.set()` on its own thread, and the pool job calls `asyncio.Queue.put_nowait()` on a
worker thread. Neither is thread-safe; the waiting task may never wake.
"""
import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor


class KioskSession:
    def __init__(self, idle_seconds: float) -> None:
        self._idle = asyncio.Event()
        self._timer = threading.Timer(idle_seconds, self._idle.set)

    async def serve(self) -> None:
        self._timer.start()
        await self._idle.wait()


class TicketFeed:
    def __init__(self) -> None:
        self._tickets: asyncio.Queue = asyncio.Queue()
        self._scanner = ThreadPoolExecutor(max_workers=1)

    def on_scan(self, code: str) -> None:
        self._scanner.submit(self._tickets.put_nowait, code.strip())

    async def next_ticket(self) -> str:
        return await self._tickets.get()
