"""Album exports rendered on a thread pool; an async endpoint reports their status."""
import asyncio
from concurrent.futures import Future, ThreadPoolExecutor


def render_album(name: str) -> str:
    path = f"/tmp/{name}.flac"
    with open(path, "wb") as f:
        f.write(b"fLaC")
    return path


class Exporter:
    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=2)
        self._jobs: dict[str, Future] = {}

    def start(self, name: str) -> None:
        self._jobs[name] = self._pool.submit(render_album, name)

    async def status(self, name: str) -> dict:
        future = self._jobs.get(name)
        if future is None:
            return {"state": "unknown"}
        if not future.done():
            return {"state": "rendering"}
        return {"state": "done", "path": future.result()}    # finished: returns at once


    async def checksum(self, name: str) -> int:
        # an asyncio future: `result()` after it is awaited returns at once
        future = asyncio.ensure_future(asyncio.to_thread(render_album, name))
        await asyncio.wait([future], timeout=30)
        return len(future.result())


async def main() -> None:
    exporter = Exporter()
    exporter.start("abbey-road")
    for _ in range(10):
        print(await exporter.status("abbey-road"))
        await asyncio.sleep(0.5)


if __name__ == "__main__":
    asyncio.run(main())
