"""Index text files off the event loop; a status coroutine lists the index while jobs fill it.
The jobs run on threads: they write the very dict the loop iterates."""
import asyncio
import concurrent.futures
from pathlib import Path


class Indexer:
    def __init__(self):
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=4)
        self.index: dict[str, int] = {}

    def _count_words(self, path: str) -> int:
        words = len(Path(path).read_text().split())
        self.index[path] = words
        return words

    async def add(self, path: str) -> int:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self._count_words, path)

    def add_all(self, paths: list[str]) -> int:
        with concurrent.futures.ThreadPoolExecutor() as pool:
            return sum(pool.map(self._count_words, paths))

    async def status(self) -> list[str]:
        return [f"{p}: {n}" for p, n in self.index.items()]


async def main(paths: list[str]) -> None:
    ix = Indexer()
    await asyncio.gather(*(ix.add(p) for p in paths), ix.status())


if __name__ == "__main__":
    import sys

    asyncio.run(main(sys.argv[1:]))
