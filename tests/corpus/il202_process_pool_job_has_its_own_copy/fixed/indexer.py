"""Index text files in worker processes; a status coroutine lists the index while jobs run.
Each job runs in a child process and writes its own copy of the index: the parent records
the count the job hands back, on the loop."""
import asyncio
import concurrent.futures
from pathlib import Path


class Indexer:
    def __init__(self):
        self._pool = concurrent.futures.ProcessPoolExecutor(max_workers=4)
        self.index: dict[str, int] = {}

    def _count_words(self, path: str) -> int:
        words = len(Path(path).read_text().split())
        self.index[path] = words            # the child's own copy
        return words

    async def add(self, path: str) -> int:
        loop = asyncio.get_running_loop()
        words = await loop.run_in_executor(self._pool, self._count_words, path)
        self.index[path] = words
        return words

    def add_all(self, paths: list[str]) -> int:
        with concurrent.futures.ProcessPoolExecutor() as pool:
            return sum(pool.map(self._count_words, paths))

    async def status(self) -> list[str]:
        return [f"{p}: {n}" for p, n in self.index.items()]


async def main(paths: list[str]) -> None:
    ix = Indexer()
    await asyncio.gather(*(ix.add(p) for p in paths), ix.status())


if __name__ == "__main__":
    import sys

    asyncio.run(main(sys.argv[1:]))
