"""IL402: coroutines hand (future, path) pairs to a hashing thread through a `queue.Queue`, and
the thread resolves each loop future itself with `set_result`: asyncio futures are not
thread-safe, the awaiting task may never wake (the loop is not woken) or its callbacks run on the
wrong thread."""
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
        done = asyncio.get_running_loop().create_future()
        self._todo.put_nowait((done, path))
        return await done

    def _run(self) -> None:
        while True:
            done, path = self._todo.get()
            with open(path, "rb") as fh:
                done.set_result(hashlib.sha256(fh.read()).hexdigest())


async def main(paths: list[str]) -> None:
    hasher = Hasher()
    hasher.start()
    for path, digest in zip(paths, await asyncio.gather(*(hasher.digest(p) for p in paths))):
        print(digest, path)


if __name__ == "__main__":
    asyncio.run(main(["/etc/hosts", "/etc/passwd"]))
