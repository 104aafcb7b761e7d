"""Fixed: the thread stores the index and only then schedules `_ready.set()` on the loop;
`lookup()` reads the index after `await self._ready.wait()`, so the store happens before the read."""
import asyncio
import threading


class FontIndex:
    def __init__(self, paths):
        self._paths = paths
        self._loop = asyncio.get_running_loop()
        self._ready = asyncio.Event()
        self.by_family = {}
        threading.Thread(target=self._build, daemon=True).start()

    def _build(self):
        table = {}
        for path in self._paths:
            family = path.rsplit("/", 1)[-1].split("-")[0]
            table.setdefault(family, []).append(path)
        self.by_family = table
        self._loop.call_soon_threadsafe(self._ready.set)

    async def lookup(self, family):
        await self._ready.wait()
        return self.by_family.get(family, [])
