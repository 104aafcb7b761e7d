"""Fixed twin: the pair carries the future's loop too, and the thread hands the result to that
loop with `call_soon_threadsafe`, which resolves the future on the loop's own thread."""
import asyncio
import hashlib
import queue
import threading


class Hasher:
    def __init__(self) -> None:
        self._todo: queue.Queue = queue.Queue()

    def start(self) -> None:
        threading.Thread(target=self._run, name="hasher", daemon=True).start()

    async def digest(self, path: str) -> str:
        loop = asyncio.get_running_loop()
        done = loop.create_future()
        self._todo.put_nowait((loop, done, path))
        return await done

    def _run(self) -> None:
        while True:
            loop, done, path = self._todo.get()
            with open(path, "rb") as fh:
                loop.call_soon_threadsafe(done.set_result, hashlib.sha256(fh.read()).hexdigest())


async def main(paths: list[str]) -> None:
    hasher = Hasher()
    hasher.start()
    for path, digest in zip(paths, await asyncio.gather(*(hasher.digest(p) for p in paths))):
        print(digest, path)


if __name__ == "__main__":
    asyncio.run(main(["/etc/hosts", "/etc/passwd"]))
