"""IL101: the thread schedules `_ready.set()` on the loop *before* it stores the index, so
`lookup()` can wake up and read the old, empty `by_family` before the table is stored."""
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
        self._loop.call_soon_threadsafe(self._ready.set)
        self.by_family = table

    async def lookup(self, family):
        await self._ready.wait()
        return self.by_family.get(family, [])
