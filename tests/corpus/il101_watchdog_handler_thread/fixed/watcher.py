"""Rescan the library a second after files stop arriving (watchdog calls on_created on its own thread)."""
import asyncio

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer


class RescanDebounce(FileSystemEventHandler):
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._timer: asyncio.TimerHandle | None = None

    def on_created(self, event) -> None:
        # runs on the observer thread: hand the event to the loop, which owns the timer
        self._loop.call_soon_threadsafe(self._debounce)

    def _debounce(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self._loop.call_later(1.0, self._rescan)

    def _rescan(self) -> None:
        self._timer = None


async def main() -> None:
    observer = Observer()
    observer.schedule(RescanDebounce(asyncio.get_running_loop()), "/music", recursive=True)
    observer.start()
    await asyncio.sleep(3600)


if __name__ == "__main__":
    asyncio.run(main())
