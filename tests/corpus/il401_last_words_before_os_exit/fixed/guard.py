"""An async job queue checks, before each step, that it still runs in the process that built
it. On a mismatch it writes a last diagnostic to stderr and ends the process with `os._exit`:
the write is the process's last act, with no loop left to stall afterwards, so it is no
event-loop block (a fork child's "last words" before `os._exit`)."""
import asyncio
import os


class _Origin:
    def __init__(self) -> None:
        self.pid = os.getpid()


_ORIGIN = _Origin()


def check_process() -> None:
    if os.getpid() == _ORIGIN.pid:
        return
    os.write(2, b"jobs: this queue was inherited from another process\n")
    os._exit(70)


class JobQueue:
    def __init__(self) -> None:
        self.jobs: asyncio.Queue[int] = asyncio.Queue()

    async def run(self) -> None:
        while True:
            job_id = await self.jobs.get()
            check_process()
            print("job", job_id)
            await asyncio.sleep(0)


async def heartbeat() -> None:
    while True:
        print("alive")
        await asyncio.sleep(1.0)


async def main() -> None:
    queue = JobQueue()
    beat = asyncio.create_task(heartbeat())
    await queue.jobs.put(1)
    await asyncio.wait_for(queue.run(), 1.0)
    beat.cancel()


if __name__ == "__main__":
    asyncio.run(main())
