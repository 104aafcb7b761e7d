"""IL401 (low): a connection pool tags each checkout with the process's identity, read on the
event loop from files on disk: `os.stat` of the pid file and a `pathlib.Path.stat` of the state
directory. Each is a filesystem syscall that waits on the disk (or a slow mount) while every
other task on the loop stalls."""
import asyncio
import os
import pathlib


def process_identity() -> tuple[int, int, int]:
    pidfile = os.stat("/run/pooler/pooler.pid")
    state = pathlib.Path("/var/lib/pooler/state").stat()
    return os.getpid(), pidfile.st_ino, state.st_ino


class Pool:
    def __init__(self) -> None:
        self.free: asyncio.Queue[int] = asyncio.Queue()

    async def checkout(self) -> tuple[int, tuple[int, int, int]]:
        conn = await self.free.get()
        return conn, process_identity()


async def heartbeat() -> None:
    while True:
        print("alive")
        await asyncio.sleep(1.0)


async def main() -> None:
    pool = Pool()
    beat = asyncio.create_task(heartbeat())
    await pool.free.put(1)
    print(await pool.checkout())
    beat.cancel()


if __name__ == "__main__":
    asyncio.run(main())
