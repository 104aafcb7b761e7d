"""Fixed twin: the polling thread hands the reload to the loop with call_soon_threadsafe."""
import asyncio
import os
import threading
import time


class ConfigWatcher:
    def __init__(self, path: str) -> None:
        self.path = path
        self.loop = None
        self.changed = asyncio.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    async def start(self) -> None:
        self.loop = asyncio.get_running_loop()
        self._thread.start()

    def _poll(self) -> None:
        seen = 0.0
        while True:
            time.sleep(1)
            mtime = os.stat(self.path).st_mtime
            if mtime != seen:
                seen = mtime
                self.loop.call_soon_threadsafe(self.changed.set)

    async def wait_change(self) -> None:
        await self.changed.wait()
        self.changed.clear()


async def main() -> None:
    watcher = ConfigWatcher("/etc/app.toml")
    await watcher.start()
    while True:
        await watcher.wait_change()
        print("reloading")


if __name__ == "__main__":
    asyncio.run(main())
