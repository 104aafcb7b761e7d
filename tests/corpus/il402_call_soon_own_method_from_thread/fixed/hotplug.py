"""Fixed twin: the watcher thread hands each arrival to the loop with `call_soon_threadsafe`,
which wakes the loop and runs `_announce` on its own thread."""
import asyncio
import threading
import time


def list_devices() -> set[str]:
    with open("/proc/bus/input/devices", encoding="utf-8") as fh:
        return {line.strip() for line in fh if line.startswith("N: Name=")}


class HotplugWatcher:
    def __init__(self, period: float = 1.0):
        self.period = period
        self._loop: asyncio.AbstractEventLoop | None = None
        self._arrivals: asyncio.Queue[str] = asyncio.Queue()
        self._stop = threading.Event()

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        threading.Thread(target=self._watch, daemon=True).start()

    def _announce(self, name: str) -> None:
        self._arrivals.put_nowait(name)

    def _watch(self) -> None:
        known = list_devices()
        while not self._stop.is_set():
            time.sleep(self.period)
            now = list_devices()
            for name in sorted(now - known):
                self._loop.call_soon_threadsafe(self._announce, name)
            known = now

    async def next_arrival(self) -> str:
        return await self._arrivals.get()

    def stop(self) -> None:
        self._stop.set()


async def main() -> None:
    watcher = HotplugWatcher()
    await watcher.start()
    try:
        while True:
            print("plugged in:", await watcher.next_arrival())
    finally:
        watcher.stop()


if __name__ == "__main__":
    asyncio.run(main())
