"""An asyncio journal: entries are appended on the loop; flush writes them to disk on a worker
thread while holding the journal's asyncio lock, so no entry is added during the write."""
import asyncio
import json


class Journal:
    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = asyncio.Lock()
        self.entries: list[dict] = []

    async def add(self, entry: dict) -> None:
        async with self._lock:
            self.entries.append(entry)

    def _write(self) -> None:
        with open(self.path, "a") as f:
            for e in self.entries:
                f.write(json.dumps(e) + "\n")
        self.entries.clear()

    async def flush(self) -> None:
        async with self._lock:
            await asyncio.to_thread(self._write)


async def main() -> None:
    j = Journal("journal.log")
    await asyncio.gather(j.add({"a": 1}), j.flush(), j.add({"b": 2}), j.flush())


if __name__ == "__main__":
    asyncio.run(main())
