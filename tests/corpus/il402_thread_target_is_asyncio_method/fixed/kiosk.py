"""A kiosk session ends after an idle period; scanned tickets are queued for the async validator.

The timer and the pool job hand their calls to the loop with `call_soon_threadsafe`.
"""
import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor


class KioskSession:
    def __init__(self, idle_seconds: float) -> None:
        self._idle = asyncio.Event()
        self._loop = asyncio.get_running_loop()
        self._timer = threading.Timer(idle_seconds, self._expire)

    def _expire(self) -> None:
        self._loop.call_soon_threadsafe(self._idle.set)

    async def serve(self) -> None:
        self._timer.start()
        await self._idle.wait()


class TicketFeed:
    def __init__(self) -> None:
        self._tickets: asyncio.Queue = asyncio.Queue()
        self._loop = asyncio.get_running_loop()
        self._scanner = ThreadPoolExecutor(max_workers=1)

    def on_scan(self, code: str) -> None:
        self._scanner.submit(self._loop.call_soon_threadsafe, self._tickets.put_nowait, code.strip())

    async def next_ticket(self) -> str:
        return await self._tickets.get()
